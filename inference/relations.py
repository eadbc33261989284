"""The learned relation head and its pure helpers (candidate pairs, relation selection).

The head reads the encoder's last hidden states, the same pass that feeds the tagger,
and scores every pair the contract allows (COUNT->item, item->PLACE, item->PERSON) whose
both ends lie in one window, from the two ends' states, their labels, distance, the
sentence breaks between them, and whether the rule-based linker would link them (so the
head starts from the baseline's knowledge and learns where to depart from it). It lives beside the transformers files of a model folder as
``relation_head.safetensors`` + ``relation_head.json``, so the tagger stays plain.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .claims import PredictedEntity, PredictedRelation
from .schema import ENTITY_LABELS, relation_type_for

HEAD_WEIGHTS = "relation_head.safetensors"
HEAD_CONFIG = "relation_head.json"
LABEL_INDEX = {label: i for i, label in enumerate(ENTITY_LABELS)}
DISTANCE_BUCKETS = (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128)
MAX_GAP = 3


def distance_bucket(distance: int) -> int:
    """Signed, log-spaced bucket of a sub-word distance (index into an embedding)."""
    magnitude = sum(1 for b in DISTANCE_BUCKETS if abs(distance) >= b) - 1
    return len(DISTANCE_BUCKETS) + (magnitude if distance >= 0 else -magnitude - 1)


def candidate_pairs(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every ordered pair ``(i, j, type)`` of entity indices that the contract allows."""
    pairs = []
    for i, a in enumerate(labels):
        for j, b in enumerate(labels):
            rtype = relation_type_for(a, b) if i != j else None
            if rtype:
                pairs.append((i, j, rtype))
    return pairs


def select_relations(entities: Sequence[PredictedEntity], scores: dict[tuple[int, int], float],
                     threshold: float = 0.5) -> tuple[PredictedRelation, ...]:
    """Keep pairs scoring over ``threshold``; an item keeps only its best count and its best
    claimant (the contract gives an item one of each), and any number of places."""
    by_id = {e.id: e for e in entities}
    best: dict[tuple[int, str], tuple[float, int, int]] = {}
    kept: list[tuple[int, int, str, float]] = []
    for (a, b), score in scores.items():
        if score < threshold:
            continue
        rtype = relation_type_for(by_id[a].label, by_id[b].label)
        if rtype == "LOCATED_AT":
            kept.append((a, b, rtype, score))
            continue
        item = b if rtype == "COUNT_OF" else a
        if (item, rtype) not in best or score > best[(item, rtype)][0]:
            best[(item, rtype)] = (score, a, b)
    kept += [(a, b, rtype, score) for (_, rtype), (score, a, b) in best.items()]
    kept.sort(key=lambda r: (by_id[r[0]].start, by_id[r[1]].start))
    return tuple(PredictedRelation(i, a, b, rtype, score) for i, (a, b, rtype, score) in enumerate(kept, start=1))


@dataclass(frozen=True)
class HeadConfig:
    hidden_size: int
    label_dim: int = 32
    inner_size: int = 256
    dropout: float = 0.1
    threshold: float = 0.5

    def save(self, folder: str | Path) -> None:
        Path(folder, HEAD_CONFIG).write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, folder: str | Path) -> "HeadConfig":
        return cls(**json.loads(Path(folder, HEAD_CONFIG).read_text(encoding="utf-8")))


def build_head(config: HeadConfig):
    """The head as a torch module (torch imported only when a head is wanted)."""
    import torch
    from torch import nn

    class RelationHead(nn.Module):
        """Scores (from, to) entity pairs from span-edge states, labels and distance."""

        def __init__(self, cfg: HeadConfig):
            super().__init__()
            self.config = cfg
            self.labels = nn.Embedding(len(ENTITY_LABELS), cfg.label_dim)
            self.distances = nn.Embedding(2 * len(DISTANCE_BUCKETS) + 1, cfg.label_dim)
            self.gaps = nn.Embedding(MAX_GAP + 1, cfg.label_dim)
            self.rules = nn.Embedding(2, cfg.label_dim)
            self.span = nn.Sequential(nn.Linear(2 * cfg.hidden_size + cfg.label_dim, cfg.inner_size), nn.GELU())
            self.score = nn.Sequential(
                nn.Dropout(cfg.dropout), nn.Linear(3 * cfg.inner_size + cfg.label_dim, cfg.inner_size), nn.GELU(),
                nn.Dropout(cfg.dropout), nn.Linear(cfg.inner_size, 1),
            )

        def forward(self, hidden, spans, pairs, buckets, gaps, rules):
            """hidden (B,T,H); spans (B,E,3) start/end token and label; pairs (B,P,2) entity
            indices; buckets (B,P) distance buckets; gaps (B,P) sentence gaps; rules (B,P)
            the rule linker's verdict. Returns pair logits (B,P)."""
            batch = torch.arange(hidden.size(0), device=hidden.device)[:, None]
            edges = torch.cat([hidden[batch, spans[..., 0]], hidden[batch, spans[..., 1]], self.labels(spans[..., 2])], -1)
            ents = self.span(edges)
            left, right = ents[batch, pairs[..., 0]], ents[batch, pairs[..., 1]]
            features = torch.cat([left, right, left * right, self.distances(buckets) + self.gaps(gaps) + self.rules(rules)], -1)
            return self.score(features).squeeze(-1)

    return RelationHead(config)


@dataclass(frozen=True)
class WindowPairs:
    """The entities of one window (by document index) and the pairs to score there."""

    entity_ids: tuple[int, ...]  # indices into the document's entity list
    spans: tuple[tuple[int, int, int], ...]  # (first token, last token, label index)
    pairs: tuple[tuple[int, int], ...]  # indices into ``spans``
    buckets: tuple[int, ...]
    gaps: tuple[int, ...] = ()  # sentence breaks between the two ends, capped at MAX_GAP
    rules: tuple[int, ...] = ()  # 1 where the rule-based linker links the pair


def window_pairs(word_ids: Sequence[int | None], entity_words: Sequence[tuple[int, int, str]],
                 word_sentences: Sequence[int] | None = None, rule_pairs: frozenset = frozenset()) -> WindowPairs:
    """Entities whose words all lie in the window, as token spans, with their candidate pairs.

    ``entity_words`` holds (first word, last word, label) per document entity;
    ``word_sentences`` the sentence index of each document word (for the gap feature);
    ``rule_pairs`` the (from, to) entity indices the rule-based linker relates."""
    first_token: dict[int, int] = {}
    last_token: dict[int, int] = {}
    for position, word in enumerate(word_ids):
        if word is not None:
            first_token.setdefault(word, position)
            last_token[word] = position
    ids, spans, labels = [], [], []
    for index, (first, last, label) in enumerate(entity_words):
        if first in first_token and last in last_token:
            ids.append(index)
            spans.append((first_token[first], last_token[last], LABEL_INDEX[label]))
            labels.append(label)
    pairs = [(i, j) for i, j, _ in candidate_pairs(labels)]
    buckets = [distance_bucket(spans[j][0] - spans[i][0]) for i, j in pairs]
    sentence = [word_sentences[entity_words[k][0]] if word_sentences else 0 for k in ids]
    gaps = [min(abs(sentence[i] - sentence[j]), MAX_GAP) for i, j in pairs]
    rules = [int((ids[i], ids[j]) in rule_pairs) for i, j in pairs]
    return WindowPairs(tuple(ids), tuple(spans), tuple(pairs), tuple(buckets), tuple(gaps), tuple(rules))
