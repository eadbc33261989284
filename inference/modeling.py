"""Loading a zaam model folder (local, or a hub id where online) safely.

The tagger is a standard ``AutoModelForTokenClassification``; weights are read only from
safetensors and remote code is never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .alignment import BIO_LABELS
from .configuration import SETTINGS_FILE, ModelFolderError, ZaamSettings


@dataclass
class LoadedModel:
    model: object  # transformers PreTrainedModel
    tokenizer: object  # transformers PreTrainedTokenizerFast
    settings: ZaamSettings
    source: str
    head: object | None = None  # the relation head (torch module) when settings.linker == "learned"
    precision: str = "fp32"
    lexicon: object | None = None  # NameLexicon from training, when the folder has one
    transitions: dict | None = None  # tag transition table for Viterbi decoding, when present


def _resolve_folder(name_or_path: str | Path) -> Path:
    path = Path(name_or_path)
    if path.exists():
        if not path.is_dir():
            raise ModelFolderError(f"{path}: a model must be a folder, not a file")
        return path
    if str(name_or_path).count("/") != 1:
        raise ModelFolderError(f"{path}: no such model folder")
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(str(name_or_path), allow_patterns=["*.json", "*.safetensors", "*.txt", "*.md"]))
    except Exception as exc:  # offline, unknown repo, no permission: one clear line
        raise ModelFolderError(f"{name_or_path}: not a local folder and not downloadable from the hub ({type(exc).__name__})") from None


def _check_weights(folder: Path) -> None:
    if not (folder / "config.json").is_file():
        raise ModelFolderError(f"{folder}: no config.json; not a transformers model folder")
    if not any(folder.glob("*.safetensors")):
        pickles = [p.name for p in folder.glob("*.bin")] + [p.name for p in folder.glob("*.pt")]
        hint = f" (found {', '.join(pickles)}: pickle weights are refused for safety)" if pickles else ""
        raise ModelFolderError(f"{folder}: no model.safetensors{hint}")


PRECISIONS = ("fp32", "bf16", "int8")


def load_model_folder(name_or_path: str | Path, device: str | None = None, precision: str = "fp32") -> LoadedModel:
    """Read tagger, tokenizer and zaam settings; every failure is one ModelFolderError line.

    ``precision``: ``fp32``; ``bf16`` (autocast at run time, fast on CPUs with bf16 units);
    ``int8`` (dynamic quantisation of the linear layers, CPU only)."""
    if precision not in PRECISIONS:
        raise ModelFolderError(f"precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    import torch
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    folder = _resolve_folder(name_or_path)
    if not (folder / SETTINGS_FILE).is_file() and not (folder / "config.json").is_file():
        raise ModelFolderError(f"{folder}: not a model folder (no config.json or {SETTINGS_FILE})")
    settings = ZaamSettings.load(folder)
    _check_weights(folder)
    try:
        model = AutoModelForTokenClassification.from_pretrained(folder, use_safetensors=True, trust_remote_code=False)
        tokenizer = AutoTokenizer.from_pretrained(folder, use_fast=True, trust_remote_code=False)
    except Exception as exc:  # truncated weights, wrong shapes, broken tokenizer: one line
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelFolderError(f"{folder}: cannot load the model ({type(exc).__name__}: {first[:200]})") from None
    labels = [model.config.id2label[i] for i in range(model.config.num_labels)]
    if set(labels) - set(BIO_LABELS):
        raise ModelFolderError(f"{folder}: labels {labels} are not zaam's IOB2 labels (a model of another task?)")
    if not getattr(tokenizer, "is_fast", False):
        raise ModelFolderError(f"{folder}: zaam needs a fast tokenizer (tokenizer.json)")
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    model.to(device).eval()
    if precision == "int8":
        if device != "cpu":
            raise ModelFolderError("precision 'int8' (dynamic quantisation) runs on the CPU only")
        model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    head = _load_head(folder, device) if settings.linker == "learned" else None
    from .decoding import TRANSITIONS_FILE, load_transitions
    from .lexicon import LEXICON_FILE, NameLexicon

    lexicon = _optional(folder, LEXICON_FILE, NameLexicon.load)
    transitions = _optional(folder, TRANSITIONS_FILE, lambda f: load_transitions(f, labels))
    return LoadedModel(model, tokenizer, settings, str(name_or_path), head, precision, lexicon, transitions)


def _optional(folder: Path, name: str, loader):
    """Read an optional decoding aid of the folder; a damaged one is one clear error."""
    try:
        return loader(folder)
    except (ValueError, UnicodeDecodeError, AttributeError):
        raise ModelFolderError(f"{folder}: unreadable {name}") from None


def _load_head(folder: Path, device: str):
    from safetensors.torch import load_file

    from .relations import HEAD_CONFIG, HEAD_WEIGHTS, HeadConfig, build_head

    if not (folder / HEAD_WEIGHTS).is_file() or not (folder / HEAD_CONFIG).is_file():
        raise ModelFolderError(f"{folder}: linker 'learned' but no {HEAD_WEIGHTS} / {HEAD_CONFIG} beside the model")
    try:
        head = build_head(HeadConfig.load(folder))
        head.load_state_dict(load_file(str(folder / HEAD_WEIGHTS)))
    except Exception as exc:  # truncated or mismatched weights: one clear line
        raise ModelFolderError(f"{folder / HEAD_WEIGHTS}: cannot load the relation head ({type(exc).__name__})") from None
    return head.to(device).eval()
