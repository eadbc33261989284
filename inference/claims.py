"""Typed prediction results and the pure step that turns entities + relations into claims.

Every span is ``[start, end)`` into the caller's original text and carries that text, so
``text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .numbers import implied_count, parse_count
from .schema import ITEM_LABELS


@dataclass(frozen=True)
class Span:
    """A piece of the caller's text; ``label`` is set for claim items."""

    start: int
    end: int
    text: str
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.label is not None:
            out["label"] = self.label
        return out


@dataclass(frozen=True)
class PredictedEntity:
    id: int
    label: str
    start: int
    end: int
    text: str
    score: float

    def span(self, with_label: bool = False) -> Span:
        return Span(self.start, self.end, self.text, self.label if with_label else None)


@dataclass(frozen=True)
class PredictedRelation:
    id: int
    from_id: int
    to_id: int
    type: str
    score: float


@dataclass(frozen=True)
class Count:
    """How many: from a COUNT span, or ``implied`` by a dual/singular item (then ``span`` is None)."""

    span: Span | None
    value: int | None
    min: int | None
    max: int | None
    qualifier: str | None
    implied: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "span": self.span.to_dict() if self.span else None,
            "value": self.value, "min": self.min, "max": self.max,
            "qualifier": self.qualifier, "implied": self.implied,
        }


@dataclass(frozen=True)
class Claim:
    item: Span
    count: Count | None
    places: tuple[Span, ...]
    claimant: Span | None
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "item": self.item.to_dict(),
            "count": self.count.to_dict() if self.count else None,
            "places": [p.to_dict() for p in self.places],
            "claimant": self.claimant.to_dict() if self.claimant else None,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Prediction:
    """What ``predict()`` returns for one text."""

    text: str
    entities: tuple[PredictedEntity, ...]
    relations: tuple[PredictedRelation, ...]
    claims: tuple[Claim, ...]
    id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The prediction-file object: the annotation format plus scores and claims."""
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        out["entities"] = [
            {"id": e.id, "label": e.label, "start_offset": e.start, "end_offset": e.end, "score": round(e.score, 4)}
            for e in self.entities
        ]
        out["relations"] = [
            {"id": r.id, "from_id": r.from_id, "to_id": r.to_id, "type": r.type, "score": round(r.score, 4)}
            for r in self.relations
        ]
        out["claims"] = [c.to_dict() for c in self.claims]
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


def make_count(count_entity: PredictedEntity | None, item: PredictedEntity) -> Count | None:
    """The claim's count: parsed from its COUNT span, else implied by the item's form."""
    if count_entity is not None:
        parsed = parse_count(count_entity.text)
        if parsed is None:
            return Count(count_entity.span(), None, None, None, None)
        return Count(count_entity.span(), parsed.value, parsed.min, parsed.max, parsed.qualifier)
    implied = implied_count(item.text)
    if implied is None:
        return None
    return Count(None, implied, implied, implied, "exact", implied=True)


def build_claims(entities: Sequence[PredictedEntity], relations: Sequence[PredictedRelation]) -> tuple[Claim, ...]:
    """One claim per item that has a COUNT or at least one relation, in text order."""
    by_id = {e.id: e for e in entities}
    best: dict[tuple[int, str], PredictedRelation] = {}
    places: dict[int, list[PredictedRelation]] = {}
    for rel in relations:
        if rel.type == "LOCATED_AT":
            places.setdefault(rel.from_id, []).append(rel)
            continue
        item_id = rel.to_id if rel.type == "COUNT_OF" else rel.from_id
        key = (item_id, rel.type)
        if key not in best or rel.score > best[key].score:
            best[key] = rel
    claims = []
    for item in sorted((e for e in entities if e.label in ITEM_LABELS), key=lambda e: e.start):
        count_rel, claim_rel = best.get((item.id, "COUNT_OF")), best.get((item.id, "CLAIMED_BY"))
        place_rels = sorted(places.get(item.id, []), key=lambda r: by_id[r.to_id].start)
        linked = [r for r in (count_rel, claim_rel, *place_rels) if r is not None]
        if not linked:
            continue
        count = make_count(by_id[count_rel.from_id] if count_rel else None, item)
        score = item.score * sum(r.score for r in linked) / len(linked)
        claims.append(
            Claim(
                item=item.span(with_label=True),
                count=count,
                places=tuple(by_id[r.to_id].span() for r in place_rels),
                claimant=by_id[claim_rel.to_id].span() if claim_rel else None,
                score=score,
            )
        )
    return tuple(claims)
