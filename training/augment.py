"""Mention-swap augmentation: copies of training documents with names replaced.

A model trained from scratch on a thousand documents learns names by heart; real news keeps
bringing new ones. Each copy replaces every mention of the chosen labels by a mention of the
same label drawn from *other* training documents, so the model must read the context
("قال المتحدث ... إن", "قرب مدينة ...") rather than the string. Relations are kept as they are;
offsets are rebuilt, so the copies obey the contract like any document.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from zaam.inference.schema import Document, Entity


def mention_pools(docs: Sequence[Document], labels: Sequence[str]) -> dict[str, list[str]]:
    pools: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for e in doc.entities:
            if e.label in labels:
                pools[e.label].add(doc.text[e.start : e.end])
    return {label: sorted(mentions) for label, mentions in pools.items()}


def swap_mentions(doc: Document, pools: dict[str, list[str]], rng: random.Random, suffix: str) -> Document:
    """A copy of ``doc`` with each mention of a pooled label replaced by another mention."""
    parts: list[str] = []
    entities: list[Entity] = []
    cursor = 0
    for e in sorted(doc.entities, key=lambda e: e.start):
        parts.append(doc.text[cursor : e.start])
        start = sum(map(len, parts))
        mention = doc.text[e.start : e.end]
        pool = pools.get(e.label)
        if pool and len(pool) > 1:
            mention = rng.choice([m for m in rng.sample(pool, min(4, len(pool))) if m != mention] or [mention])
        parts.append(mention)
        entities.append(Entity(e.id, e.label, start, start + len(mention)))
        cursor = e.end
    parts.append(doc.text[cursor:])
    return replace(doc, id=f"{doc.id}{suffix}", text="".join(parts), entities=tuple(entities))


def augment(docs: Sequence[Document], copies: int, labels: Sequence[str], seed: int) -> list[Document]:
    """``docs`` followed by ``copies`` swapped copies of each (seeded, so reproducible)."""
    if copies <= 0:
        return list(docs)
    rng = random.Random(seed)
    pools = mention_pools(docs, labels)
    out = list(docs)
    for copy in range(1, copies + 1):
        out.extend(swap_mentions(doc, pools, rng, f"#aug{copy}") for doc in docs)
    return out
