"""Offset-tracking text normalisation: every output character knows its source index.

A model may have been pre-trained on normalised text. AraBERT v02 strips tashkeel and
tatweel, maps Eastern Arabic digits, squeezes repeated characters, spaces punctuation and
digit/letter runs apart, and blanks characters outside its alphabet. zaam applies those
steps itself, in the same order, through :func:`_sub` (``re.sub`` that carries source
indices), so spans found in the normalised text map back to the caller's text by
construction. Not reproduced: URL, e-mail and @mention placeholders and HTML unescaping,
which would replace the caller's characters rather than normalise them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .schema import ZaamError

_MARKS = re.compile(r"[\u064B-\u0652\u0640]")  # tashkeel and tatweel
_HINDI = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_REPEATED = re.compile(r"(\D)\1{2,}", re.DOTALL)
_NOT_WORD = re.compile(r"([^0-9\u0621-\u063A\u0641-\u064A\u0660-\u0669a-zA-Z\[\]])")
_ARABIC_RUN = "[\u0621-\u063A\u0641-\u064A\u0660-\u066C]+"
_DIGITS_THEN_LETTERS = re.compile(rf"(\d+)({_ARABIC_RUN})")
_LETTERS_THEN_DIGITS = re.compile(rf"({_ARABIC_RUN})(\d+)")
_ACCEPTED = (
    r"0-9\u0621-\u063A\u0640-\u066C\u0671-\u0674a-zA-Z\[\]!\"#\$%\'\(\)\*\+,\.:;\-<=·>?@\\\^_`{\|}~—٪’،؟"
    r"\u0B4D“”\u06DA»؛\s+«–…‘"
)
_REJECTED = re.compile(f"[^{_ACCEPTED}]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text and, for each of its characters, the index it came from."""

    text: str
    source: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text back to the source text."""
        return self.source[start], self.source[end - 1] + 1


Template = Callable[[re.Match], list[tuple[str, int, bool]]]


def _sub(text: str, source: list[int], pattern: re.Pattern, template: Template) -> tuple[str, list[int]]:
    """``pattern.sub`` that keeps a source index for every output character. The template
    returns ``(piece, offset, copied)``: a copied piece takes the indices of the matched
    characters at ``offset`` of the match; an inserted one repeats the index found there."""
    out_chars: list[str] = []
    out_source: list[int] = []
    cursor = 0
    for match in pattern.finditer(text):
        out_chars.append(text[cursor : match.start()])
        out_source.extend(source[cursor : match.start()])
        for piece, offset, copied in template(match):
            at = match.start() + offset
            out_chars.append(piece)
            out_source.extend(source[at : at + len(piece)] if copied else [source[at]] * len(piece))
        cursor = match.end()
    out_chars.append(text[cursor:])
    out_source.extend(source[cursor:])
    return "".join(out_chars), out_source


def _spaced(match: re.Match, *groups: int) -> list[tuple[str, int, bool]]:
    """Each group with a space before it, and one after the last, as AraBERT spaces runs."""
    pieces: list[tuple[str, int, bool]] = []
    for number in groups:
        offset = match.start(number) - match.start()
        pieces += [(" ", offset, False), (match.group(number), offset, True)]
    return pieces + [(" ", match.end() - 1 - match.start(), False)]


def _collapse_spaces(text: str, source: list[int]) -> tuple[str, list[int]]:
    """``" ".join(text.split())`` with indices: a run of spaces becomes its first one."""
    chars: list[str] = []
    out: list[int] = []
    pending: int | None = None
    for char, index in zip(text, source):
        if char.isspace():
            if chars and pending is None:
                pending = index
            continue
        if pending is not None:
            chars.append(" ")
            out.append(pending)
            pending = None
        chars.append(char)
        out.append(index)
    return "".join(chars), out


def identity(text: str) -> Normalized:
    return Normalized(text, tuple(range(len(text))))


def arabert_v02(text: str) -> Normalized:
    """The AraBERT v02 preprocessing, offsets kept (see the module docstring for its steps)."""
    source = list(range(len(text)))
    text, source = _sub(text, source, _MARKS, lambda m: [])
    text = text.translate(_HINDI)
    text, source = _sub(text, source, _REPEATED, lambda m: [(m.group(1) * 2, 0, True)])
    text, source = _sub(text, source, _NOT_WORD, lambda m: _spaced(m, 1))
    text, source = _sub(text, source, _DIGITS_THEN_LETTERS, lambda m: _spaced(m, 1, 2))
    text, source = _sub(text, source, _LETTERS_THEN_DIGITS, lambda m: _spaced(m, 1, 2))
    text = text.replace("/", "-")
    text, source = _sub(text, source, _REJECTED, lambda m: [(" ", 0, False)])
    text, source = _collapse_spaces(text, source)
    return Normalized(text, tuple(source))


NORMALIZERS = {"none": identity, "arabert-v02": arabert_v02}


def get_normalizer(name: str):
    try:
        return NORMALIZERS[name]
    except KeyError:
        raise ZaamError(f"unknown normalizer {name!r}; valid: {', '.join(NORMALIZERS)}") from None
