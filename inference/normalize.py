"""Offset-tracking text normalisation: every output character knows its source index.

A model may have been pre-trained on normalised text (AraBERT v02 strips tashkeel and
tatweel, maps Eastern Arabic digits, and spaces punctuation apart). The model sees the
normalised text, and spans found in it map back to the caller's text by construction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .schema import ZaamError

_TASHKEEL = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"}
_TATWEEL = "\u0640"
_HINDI_DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Letters, digits and Latin are words; every other visible character is spaced apart.
_WORD_CHAR = re.compile(r"[0-9\u0621-\u063A\u0641-\u064Aa-zA-Z]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, for each of its characters, the index it came from."""

    text: str
    source: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text back to the source text."""
        return self.source[start], self.source[end - 1] + 1


def identity(text: str) -> Normalized:
    return Normalized(text, tuple(range(len(text))))


def arabert_v02(text: str) -> Normalized:
    """AraBERT v02 style: no tashkeel or tatweel, ASCII digits, punctuation spaced apart,
    letter runs of three or more squeezed to two, whitespace collapsed."""
    chars: list[str] = []
    source: list[int] = []

    def emit(char: str, index: int) -> None:
        if char == " " and (not chars or chars[-1] == " "):
            return
        chars.append(char)
        source.append(index)

    for index, char in enumerate(text):
        if char in _TASHKEEL or char == _TATWEEL:
            continue
        char = _HINDI_DIGITS.get(char, char)
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs"):
            emit(" ", index)
        elif _WORD_CHAR.match(char):
            if not char.isdigit() and len(chars) >= 2 and chars[-1] == chars[-2] == char:
                continue
            emit(char, index)
        else:
            emit(" ", index)
            emit(char, index)
            emit(" ", index)
    while chars and chars[-1] == " ":
        chars.pop()
        source.pop()
    return Normalized("".join(chars), tuple(source))


NORMALIZERS = {"none": identity, "arabert-v02": arabert_v02}


def get_normalizer(name: str):
    try:
        return NORMALIZERS[name]
    except KeyError:
        raise ZaamError(f"unknown normalizer {name!r}; valid: {', '.join(NORMALIZERS)}") from None
