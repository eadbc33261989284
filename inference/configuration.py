"""zaam's own settings in a model folder (``zaam.json``), beside the standard transformers files.

The transformers ``config.json`` stays untouched so ``AutoModelForTokenClassification`` and
``pipeline("token-classification")`` load the tagger as is; how to pre-tokenise, normalise,
window and link is zaam's business and lives here.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .schema import ZaamError

SETTINGS_FILE = "zaam.json"
FORMAT_VERSION = 1


class ModelFolderError(ZaamError):
    """A model folder is missing, incomplete, or not a zaam model."""


@dataclass(frozen=True)
class ZaamSettings:
    pretokenizer: str = "zaam-words-v1"
    normalizer: str = "none"  # "none" or "arabert-v02"
    max_length: int = 256
    stride: int = 32
    linker: str = "rules"  # "rules" or "learned"
    format_version: int = FORMAT_VERSION

    def save(self, folder: str | Path) -> None:
        Path(folder, SETTINGS_FILE).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "ZaamSettings":
        path = Path(folder, SETTINGS_FILE)
        if not path.is_file():
            raise ModelFolderError(f"{folder}: not a zaam model folder (no {SETTINGS_FILE}); train one with `zaam train`")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ModelFolderError(f"{path}: unreadable settings ({exc})") from None
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown or not isinstance(data, dict):
            raise ModelFolderError(f"{path}: unknown setting(s) {', '.join(unknown)}; valid: {', '.join(sorted(known))}")
        if data.get("format_version", FORMAT_VERSION) > FORMAT_VERSION:
            raise ModelFolderError(f"{path}: written by a newer zaam (format {data['format_version']}); upgrade zaam")
        return cls(**data)
