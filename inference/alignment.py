"""Character spans <-> IOB2 word tags <-> sub-word labels. Pure functions, no model.

Gold spans are mapped onto the canonical words of :mod:`.pretokenize`; a span whose edges
do not fall on word edges is *misaligned*: it is returned to the caller to be counted and
reported (as spaCy's W030 does), never guessed at or dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .schema import ENTITY_LABELS

IGNORE_INDEX = -100
BIO_LABELS: tuple[str, ...] = ("O",) + tuple(f"{p}-{label}" for label in ENTITY_LABELS for p in ("B", "I"))

Word = tuple[int, int]


@dataclass(frozen=True)
class CharSpan:
    """A labelled ``[start, end)`` character span."""

    start: int
    end: int
    label: str


def spans_to_word_tags(words: Sequence[Word], spans: Sequence[CharSpan]) -> tuple[list[str], list[CharSpan]]:
    """IOB2 tags for ``words`` and the spans that could not be aligned to word edges."""
    tags = ["O"] * len(words)
    starts = {start: i for i, (start, _) in enumerate(words)}
    ends = {end: i for i, (_, end) in enumerate(words)}
    misaligned: list[CharSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        first, last = starts.get(span.start), ends.get(span.end)
        if first is None or last is None or last < first or any(t != "O" for t in tags[first : last + 1]):
            misaligned.append(span)
            continue
        tags[first] = f"B-{span.label}"
        for i in range(first + 1, last + 1):
            tags[i] = f"I-{span.label}"
    return tags, misaligned


def word_tags_to_spans(words: Sequence[Word], tags: Sequence[str]) -> list[CharSpan]:
    """Decode IOB2 word tags to character spans; a stray ``I-`` opens a span as ``B-`` would."""
    spans: list[CharSpan] = []
    open_label: str | None = None
    open_start = open_end = 0
    for (start, end), tag in zip(words, tags):
        prefix, _, label = tag.partition("-")
        if open_label is not None and (prefix != "I" or label != open_label):
            spans.append(CharSpan(open_start, open_end, open_label))
            open_label = None
        if prefix == "B" or (prefix == "I" and open_label is None):
            open_label, open_start = label, start
        if open_label is not None:
            open_end = end
    if open_label is not None:
        spans.append(CharSpan(open_start, open_end, open_label))
    return spans


def subword_labels(word_ids: Sequence[int | None], word_label_ids: Sequence[int]) -> list[int]:
    """Label each word's first sub-word; special tokens and continuations get ``-100``."""
    labels: list[int] = []
    previous = None
    for word_id in word_ids:
        if word_id is None or word_id == previous:
            labels.append(IGNORE_INDEX)
        else:
            labels.append(word_label_ids[word_id])
        previous = word_id
    return labels


def first_subword_index(word_ids: Sequence[int | None]) -> dict[int, int]:
    """Map each word id to the position of its first sub-word in a window."""
    positions: dict[int, int] = {}
    for position, word_id in enumerate(word_ids):
        if word_id is not None and word_id not in positions:
            positions[word_id] = position
    return positions
