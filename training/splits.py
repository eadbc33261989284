"""Document-level splits, with an entity-novel test set.

Documents that share a PERSON or PLACE string are joined into one group (union-find); whole
groups are moved to ``test-novel`` until it is large enough, so none of its names or places
occur in train. The remaining documents are shuffled (seeded) into train, dev and test.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence

from zaam.inference.schema import Document

NAME_LABELS = ("PERSON", "PLACE")


def _key(doc_id: str, seed: int) -> str:
    return hashlib.sha256(f"{seed}:{doc_id}".encode()).hexdigest()


def name_strings(doc: Document) -> set[str]:
    return {doc.text[e.start : e.end] for e in doc.entities if e.label in NAME_LABELS}


def name_groups(docs: Sequence[Document]) -> list[list[int]]:
    """Indices of documents grouped so that no PERSON/PLACE string crosses two groups."""
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, doc in enumerate(docs):
        for name in name_strings(doc):
            if name in owner:
                parent[find(index)] = find(owner[name])
            else:
                owner[name] = index
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(docs)):
        groups[find(index)].append(index)
    return list(groups.values())


def split_documents(docs: Sequence[Document], seed: int = 13, dev_share: float = 0.1, test_share: float = 0.1,
                    novel_min: int = 150) -> dict[str, list[Document]]:
    groups = [g for g in name_groups(docs) if any(name_strings(docs[i]) for i in g)]
    largest = max((len(g) for g in groups), default=0)
    candidates = sorted((g for g in groups if len(g) < largest and len(g) <= novel_min),
                        key=lambda g: _key(docs[g[0]].id, seed))
    novel: set[int] = set()
    for group in candidates:
        if len(novel) >= novel_min:
            break
        novel.update(group)
    rest = sorted((i for i in range(len(docs)) if i not in novel), key=lambda i: _key(docs[i].id, seed))
    n_dev, n_test = round(len(docs) * dev_share), round(len(docs) * test_share)
    parts = {
        "dev": rest[:n_dev],
        "test": rest[n_dev : n_dev + n_test],
        "train": rest[n_dev + n_test :],
        "test-novel": sorted(novel),
    }
    return {name: [docs[i] for i in sorted(indices, key=lambda i: docs[i].id)] for name, indices in parts.items()}
