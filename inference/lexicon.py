"""A name lexicon from the training data that settles one ambiguity the tagger cannot.

Canonical words split a leading و/ف/ب/ل/ك off every Arabic word, so "بدونيتسك" can yield
PLACE "دونيتسك". Yet many names begin with those letters ("بغداد", "فيكتور", "كييف"), and
a small model tends to leave the letter out of the span. The lexicon holds the first words
of PERSON and PLACE mentions seen in training; at decoding, a span next to a split-off
letter takes the reading the lexicon knows ("غداد" → "بغداد"; "بدونيتسك" → "دونيتسك").
It decides only when exactly one reading is known, so unseen names are left to the model.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .claims import PredictedEntity

LEXICON_FILE = "name_lexicon.json"
LABELS = ("PERSON", "PLACE")
_PROCLITIC = "وفبلك"
_FIRST_WORD = re.compile(r"\S+")


def _first_word(text: str) -> str:
    match = _FIRST_WORD.match(text)
    return match.group() if match else ""


@dataclass(frozen=True)
class NameLexicon:
    first_words: dict[str, frozenset[str]]

    @classmethod
    def from_mentions(cls, mentions: Iterable[tuple[str, str]]) -> "NameLexicon":
        words: dict[str, set[str]] = {label: set() for label in LABELS}
        for label, text in mentions:
            if label in words and text:
                words[label].add(_first_word(text))
        return cls({label: frozenset(values) for label, values in words.items()})

    def save(self, folder: str | Path) -> None:
        data = {label: sorted(values) for label, values in self.first_words.items()}
        Path(folder, LEXICON_FILE).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "NameLexicon | None":
        path = Path(folder, LEXICON_FILE)
        if not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls({label: frozenset(data.get(label, [])) for label in LABELS})

    def knows(self, label: str, word: str) -> bool:
        return word in self.first_words.get(label, frozenset())


def _attached_letter_before(text: str, start: int) -> bool:
    """A single proclitic letter glued to ``start`` and itself starting a word (or glued to
    another proclitic letter that does)."""
    if start < 1 or text[start - 1] not in _PROCLITIC:
        return False
    before = text[start - 2] if start >= 2 else " "
    return not before.isalpha() or (before in "وف" and (start < 3 or not text[start - 3].isalpha()))


def repair_spans(text: str, entities: Sequence[PredictedEntity], lexicon: NameLexicon | None) -> list[PredictedEntity]:
    """Move a PERSON/PLACE start over one split-off proclitic letter when only that reading
    is a known name; every span stays inside ``text`` and keeps its id, label and score."""
    if lexicon is None:
        return list(entities)
    taken = {(e.start, e.end) for e in entities}
    out = []
    for e in entities:
        start = e.start
        if e.label in LABELS:
            word = _first_word(text[e.start : e.end])
            if _attached_letter_before(text, e.start):
                longer = text[e.start - 1] + word
                if lexicon.knows(e.label, longer) and not lexicon.knows(e.label, word):
                    start = e.start - 1
            elif len(word) > 2 and word[0] in _PROCLITIC and _attached_letter_before(text, e.start + 1):
                if lexicon.knows(e.label, word[1:]) and not lexicon.knows(e.label, word):
                    start = e.start + 1
        if start != e.start and not any(s < e.end and t > start for s, t in taken - {(e.start, e.end)}):
            e = PredictedEntity(e.id, e.label, start, e.end, text[start : e.end], e.score)
        out.append(e)
    return out
