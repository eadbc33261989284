"""The annotation contract (shared/annotation-spec.md) as code: labels, relation types, and
the frozen records every other module passes around.

Offsets are always half-open ``[start, end)`` Python ``str`` indices into the document text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ENTITY_LABELS: tuple[str, ...] = ("PERSON", "PLACE", "WEAPON", "COUNT", "UNIT")
ITEM_LABELS: frozenset[str] = frozenset({"WEAPON", "UNIT"})
RELATION_TYPES: tuple[str, ...] = ("COUNT_OF", "LOCATED_AT", "CLAIMED_BY")

# (from label, to label) -> relation type; the only pairs the spec allows.
RELATION_SIGNATURES: dict[tuple[str, str], str] = {
    ("COUNT", "WEAPON"): "COUNT_OF",
    ("COUNT", "UNIT"): "COUNT_OF",
    ("WEAPON", "PLACE"): "LOCATED_AT",
    ("UNIT", "PLACE"): "LOCATED_AT",
    ("WEAPON", "PERSON"): "CLAIMED_BY",
    ("UNIT", "PERSON"): "CLAIMED_BY",
}

QUALIFIERS: tuple[str, ...] = ("exact", "more_than", "at_least", "less_than", "about", "range", "vague")


class ZaamError(Exception):
    """Base of every error zaam raises on purpose; its message is one complete line."""


class AnnotationError(ZaamError):
    """An annotation file breaks the contract; the message names file, line and field."""


def relation_type_for(from_label: str, to_label: str) -> str | None:
    """The relation type the spec allows from one label to another, or None."""
    return RELATION_SIGNATURES.get((from_label, to_label))


@dataclass(frozen=True)
class Entity:
    """One labelled span of a document."""

    id: int
    label: str
    start: int
    end: int

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Relation:
    """A directed, typed edge between two entity ids of the same document."""

    id: int
    from_id: int
    to_id: int
    type: str


@dataclass(frozen=True)
class Document:
    """One annotated document; ``extra`` keeps keys the contract does not define."""

    id: str
    text: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def entity_by_id(self) -> dict[int, Entity]:
        return {e.id: e for e in self.entities}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        out["entities"] = [
            {"id": e.id, "label": e.label, "start_offset": e.start, "end_offset": e.end}
            for e in self.entities
        ]
        out["relations"] = [
            {"id": r.id, "from_id": r.from_id, "to_id": r.to_id, "type": r.type}
            for r in self.relations
        ]
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out
