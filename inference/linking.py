"""The rule-based linker: a transparent baseline that relates entities without a model.

Rules: an item takes the nearest COUNT before it in its sentence when nothing but
words separate them from no other item; every PLACE of the item's sentence; and the
nearest PERSON of its sentence, else the last PERSON of an earlier sentence that a
reporting verb introduced (the speaker of a continuing statement).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from .claims import PredictedEntity, PredictedRelation
from .schema import ITEM_LABELS

_SENTENCE_END = re.compile(r"[.!?؟\n]+")
_MAX_COUNT_GAP = 12  # characters between a COUNT and the item it counts
_REPORTING = re.compile(r"(قال|أعلن|أكد|ذكر|أفاد|أوضح|صرح|زعم|أشار|كشف|ادعى|أضاف|تابع|بحسب|وفق)")


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each sentence (a newline also ends one)."""
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def sentence_index(bounds: Sequence[tuple[int, int]], position: int) -> int:
    """The index of the sentence (of ``sentence_bounds``) that holds ``position``."""
    return max(0, bisect_right([start for start, _ in bounds], position) - 1)


def sentence_ids(text: str, words: Sequence[tuple[int, int]]) -> list[int]:
    """For each ``(start, end)`` word, the index of its sentence."""
    bounds = sentence_bounds(text)
    return [sentence_index(bounds, start) for start, _ in words]


def link(text: str, entities: Sequence[PredictedEntity]) -> tuple[PredictedRelation, ...]:
    """Relations between ``entities`` by the rules above, scored by their ends' confidence."""
    bounds = sentence_bounds(text)
    ordered = sorted(entities, key=lambda e: e.start)
    sentence = {e.id: sentence_index(bounds, e.start) for e in ordered}
    speakers: dict[int, PredictedEntity] = {}  # sentence index -> speaker named in it
    for person in (e for e in ordered if e.label == "PERSON"):
        s_start = bounds[sentence[person.id]][0]
        if _REPORTING.search(text[s_start : person.end + 40]):
            speakers.setdefault(sentence[person.id], person)
    edges: list[tuple[PredictedEntity, PredictedEntity, str]] = []
    for index, item in enumerate(ordered):
        if item.label not in ITEM_LABELS:
            continue
        same = [e for e in ordered if sentence[e.id] == sentence[item.id]]
        previous = ordered[index - 1] if index else None
        if previous is not None and previous.label == "COUNT" and sentence[previous.id] == sentence[item.id]:
            if item.start - previous.end <= _MAX_COUNT_GAP:
                edges.append((previous, item, "COUNT_OF"))
        edges.extend((item, place, "LOCATED_AT") for place in same if place.label == "PLACE")
        persons = [p for p in same if p.label == "PERSON"]
        if persons:
            speaker = min(persons, key=lambda p: abs(p.start - item.start))
        else:
            earlier = [s for s in speakers if s < sentence[item.id]]
            speaker = speakers[max(earlier)] if earlier else None
        if speaker is not None:
            edges.append((item, speaker, "CLAIMED_BY"))
    return tuple(
        PredictedRelation(i, a.id, b.id, rtype, min(a.score, b.score))
        for i, (a, b, rtype) in enumerate(edges, start=1)
    )


def carry_speakers(entities: Sequence[PredictedEntity], relations: Sequence[PredictedRelation],
                   items_seen_with_person: set[int]) -> tuple[PredictedRelation, ...]:
    """Give an item that has a claim but no claimant, and shared no window with any PERSON,
    the claimant of the nearest claimed item before it: a statement continued in a later
    paragraph ("وأضاف أن ...") is still the earlier speaker's."""
    claimant = {r.from_id: r for r in relations if r.type == "CLAIMED_BY"}
    linked = {r.from_id for r in relations} | {r.to_id for r in relations if r.type == "COUNT_OF"}
    out = list(relations)
    last: PredictedRelation | None = None
    for item in sorted((e for e in entities if e.label in ITEM_LABELS), key=lambda e: e.start):
        if item.id in claimant:
            last = claimant[item.id]
        elif last is not None and item.id in linked and item.id not in items_seen_with_person:
            out.append(PredictedRelation(len(out) + 1, item.id, last.to_id, "CLAIMED_BY", last.score * item.score))
    return tuple(out)
