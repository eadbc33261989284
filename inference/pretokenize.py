"""Canonical pre-tokenisation: the words every label, model input and score refers to.

Arabic attaches conjunctions and prepositions to the next word ("وبوتين", "بدونيتسك", "و5"),
while the contract puts them outside every span. Splitting the proclitics into their own
words *before* sub-word tokenisation makes such span boundaries learnable and decodable,
instead of trimming characters after the fact. Every word keeps its ``[start, end)`` offsets
into the text it was cut from.
"""

from __future__ import annotations

import re

PRETOKENIZER_VERSION = "zaam-words-v1"

# A run of letters/marks/digits, or any other single non-space character (punctuation).
_WORD = re.compile(r"[^\W_]+(?:[\u064B-\u065F\u0670\u0640]+[^\W_]*)*|\S", re.UNICODE)
# Leading conjunction (و/ف), then a preposition (ب/ل/ك), optionally written with tatweel.
_PROCLITICS = re.compile(r"^([وف])?([بلك]ـ*)?")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")
_MIN_REST = 2


def _split_proclitics(word: str) -> list[tuple[int, int]]:
    """Offsets (relative to the word) of the proclitic pieces and the rest."""
    match = _PROCLITICS.match(word)
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for group in (1, 2):
        piece = match.group(group)
        if not piece:
            continue
        rest = word[cursor + len(piece) :]
        if len(rest.lstrip("ـ")) < _MIN_REST and _ARABIC_LETTER.match(rest.lstrip("ـ")[:1] or "ء"):
            break  # a short Arabic rest is part of the word ("ول"); digits and Latin split off
        pieces.append((cursor, cursor + len(piece)))
        cursor += len(piece)
    pieces.append((cursor, len(word)))
    return pieces


def pretokenize(text: str) -> list[tuple[int, int]]:
    """Word offsets ``[(start, end), ...]`` of ``text``, proclitics split off Arabic words."""
    words: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        start, token = match.start(), match.group()
        if _ARABIC_LETTER.match(token) and len(token) >= 2:
            words.extend((start + s, start + e) for s, e in _split_proclitics(token))
        else:
            words.append((start, match.end()))
    return words
