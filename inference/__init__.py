"""zaam.inference: load a trained model and turn Arabic news into claims.

Never imports zaam.training, so a deployment needs only this side.
"""

from .claims import Claim, Count, Prediction, PredictedEntity, PredictedRelation, Span
from .configuration import ModelFolderError, ZaamSettings
from .extractor import Extractor, InputError, load, predict
from .schema import AnnotationError, ZaamError

__all__ = [
    "AnnotationError", "Claim", "Count", "Extractor", "InputError", "ModelFolderError",
    "Prediction", "PredictedEntity", "PredictedRelation", "Span", "ZaamError", "ZaamSettings",
    "load", "predict",
]
