"""Training configuration: YAML in, validated frozen dataclasses out.

Unknown or mistyped keys are errors that list the valid keys (a typo must never be
silently ignored, as spaCy's config system insists); ``--set a.b=value`` overrides a key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from zaam.inference.schema import ZaamError


class ConfigError(ZaamError):
    """A training config is missing, unreadable or invalid; the message names the key."""


@dataclass(frozen=True)
class Architecture:
    """A BERT built from scratch when no pre-trained model is named."""

    hidden_size: int = 256
    num_hidden_layers: int = 4
    num_attention_heads: int = 4
    intermediate_size: int = 1024
    max_position_embeddings: int = 512
    hidden_dropout_prob: float = 0.1


@dataclass(frozen=True)
class ModelConfig:
    name_or_path: str | None = None
    architecture: Architecture = field(default_factory=Architecture)


@dataclass(frozen=True)
class TokenizerConfig:
    name_or_path: str | None = None  # None: train a WordPiece tokenizer on the training texts
    vocab_size: int = 8000
    min_frequency: int = 2


@dataclass(frozen=True)
class DataConfig:
    train: tuple[str, ...] = ("annotations/train.jsonl",)
    dev: tuple[str, ...] = ("annotations/dev.jsonl",)
    strict_alignment: bool = False  # make misaligned gold spans an error instead of a warning
    augment_copies: int = 0  # mention-swapped copies of each training document (see training/augment.py)
    augment_labels: tuple[str, ...] = ("PERSON", "PLACE")


@dataclass(frozen=True)
class PreprocessingConfig:
    normalizer: str = "none"
    max_length: int = 256
    stride: int = 32


@dataclass(frozen=True)
class TrainingParams:
    epochs: float = 8.0
    batch_size: int = 16
    learning_rate: float = 5e-4
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    seed: int = 42
    max_steps: int = -1
    max_train_docs: int | None = None  # a subset for smoke tests
    relation_weight: float = 1.0  # weight of the relation head's loss (linker: learned)
    bf16: bool = False  # bf16 autocast (about twice as fast on CPUs with bf16 matmul units)


@dataclass(frozen=True)
class TrainConfig:
    output_dir: str = "runs/model"
    model: ModelConfig = field(default_factory=ModelConfig)
    tokenizer: TokenizerConfig = field(default_factory=TokenizerConfig)
    data: DataConfig = field(default_factory=DataConfig)
    preprocessing: PreprocessingConfig = field(default_factory=PreprocessingConfig)
    linker: str = "rules"
    training: TrainingParams = field(default_factory=TrainingParams)

    def to_dict(self) -> dict[str, Any]:
        def plain(value):
            if isinstance(value, tuple):
                return [plain(v) for v in value]
            if dataclasses.is_dataclass(value):
                return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
            return value

        return plain(self)


def _coerce(value: Any, annotation: Any, key: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(annotation)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in (o for o in options if o is not type(None)):
            try:
                return _coerce(value, option, key)
            except ConfigError as exc:
                errors.append(str(exc))
        raise ConfigError(errors[0])
    if dataclasses.is_dataclass(annotation):
        return build(annotation, value, key)
    if origin is tuple:
        items = value if isinstance(value, list) else [value]
        return tuple(_coerce(v, typing.get_args(annotation)[0], key) for v in items)
    if annotation is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if annotation is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if annotation in (str, bool) and type(value) is annotation:
        return value
    raise ConfigError(f"config key '{key}': expected {getattr(annotation, '__name__', annotation)}, got {value!r}")


def build(cls: type, data: Any, prefix: str = "") -> Any:
    """Build dataclass ``cls`` from a mapping, refusing unknown keys and wrong types."""
    where = prefix or "the config"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: expected a mapping of keys, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise ConfigError(f"unknown config key '{prefix + '.' if prefix else ''}{unknown[0]}'; valid keys here: {', '.join(names)}")
    kwargs = {k: _coerce(v, hints[k], f"{prefix + '.' if prefix else ''}{k}") for k, v in data.items()}
    return cls(**kwargs)


def apply_override(data: dict, assignment: str) -> None:
    """Apply ``a.b.c=value`` (value parsed as YAML) to a nested mapping in place."""
    if "=" not in assignment:
        raise ConfigError(f"--set {assignment!r}: expected key=value")
    key, raw = assignment.split("=", 1)
    node = data
    parts = key.strip().split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"--set {assignment!r}: '{part}' is not a section")
    node[parts[-1]] = yaml.safe_load(raw)


def load_config(path: str | Path, overrides: list[str] | None = None, output_dir: str | None = None) -> TrainConfig:
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: no such config file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    for assignment in overrides or []:
        apply_override(data, assignment)
    if output_dir is not None:
        data["output_dir"] = output_dir
    try:
        return check_choices(build(TrainConfig, data))
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


CHOICES = {"linker": ("rules", "learned"), "preprocessing.normalizer": ("none", "arabert-v02")}


def check_choices(config: TrainConfig) -> TrainConfig:
    """Keys whose value must be one of a few words."""
    values = {"linker": config.linker, "preprocessing.normalizer": config.preprocessing.normalizer}
    for key, allowed in CHOICES.items():
        if values[key] not in allowed:
            raise ConfigError(f"config key '{key}': {values[key]!r} is not one of {', '.join(allowed)}")
    return config
