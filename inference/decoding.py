"""Sequence decoding of word tags: Viterbi over the tagger's probabilities with tag-to-tag
transition probabilities counted on the training data.

Word-by-word argmax lets a small model say "B-PERSON B-PERSON" for a first name and its
surname, or start a span with "I-". Transitions estimated from gold IOB2 sequences make
such readings as unlikely as they are in the data (an HMM-style decoder over a neural
tagger), and rule out the ones IOB2 forbids (O -> I-X, B-X -> I-Y).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

TRANSITIONS_FILE = "tag_transitions.json"
_FLOOR = 1e-6


def count_transitions(sequences: Iterable[Sequence[str]], labels: Sequence[str]) -> dict:
    """Add-one smoothed start and transition probabilities; IOB2-invalid moves get ~0."""
    index = {label: i for i, label in enumerate(labels)}
    n = len(labels)
    start = np.ones(n)
    moves = np.ones((n, n))
    for tags in sequences:
        if not tags:
            continue
        start[index[tags[0]]] += 1
        for a, b in zip(tags, tags[1:]):
            moves[index[a], index[b]] += 1
    for j, label in enumerate(labels):
        if label.startswith("I-"):
            start[j] = 0
            for i, previous in enumerate(labels):
                if previous[2:] != label[2:]:
                    moves[i, j] = 0
    start = start / start.sum()
    moves = moves / moves.sum(axis=1, keepdims=True)
    return {"labels": list(labels), "start": start.tolist(), "transitions": moves.tolist()}


def save_transitions(table: dict, folder: str | Path) -> None:
    Path(folder, TRANSITIONS_FILE).write_text(json.dumps(table) + "\n", encoding="utf-8")


def load_transitions(folder: str | Path, labels: Sequence[str]) -> dict | None:
    path = Path(folder, TRANSITIONS_FILE)
    if not path.is_file():
        return None
    table = json.loads(path.read_text(encoding="utf-8"))
    return table if table.get("labels") == list(labels) else None


def viterbi(word_probs: np.ndarray, table: dict) -> list[int]:
    """The most likely label index sequence under emissions x transitions."""
    emissions = np.log(np.maximum(word_probs, _FLOOR))
    start = np.log(np.maximum(np.asarray(table["start"]), _FLOOR * _FLOOR))
    moves = np.log(np.maximum(np.asarray(table["transitions"]), _FLOOR * _FLOOR))
    n, labels = emissions.shape
    score = start + emissions[0]
    back = np.zeros((n, labels), dtype=np.int64)
    for t in range(1, n):
        candidates = score[:, None] + moves
        back[t] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + emissions[t]
    path = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]
