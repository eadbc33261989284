"""``load()`` and ``predict()``: text in, typed claims out.

Prediction is three steps: :func:`preprocess` (normalise, pre-tokenise, cut sub-word
windows), :meth:`Extractor.forward` (batched model calls) and :func:`postprocess` (merge
windows, decode spans, link, build claims). Only the middle one needs a model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np

from .alignment import word_tags_to_spans
from .claims import Prediction, PredictedEntity, build_claims
from .configuration import ZaamSettings
from .decoding import viterbi
from .lexicon import repair_spans
from .linking import carry_speakers, link, sentence_ids
from .modeling import LoadedModel, load_model_folder
from .normalize import Normalized, get_normalizer
from .pretokenize import pretokenize
from .relations import select_relations, window_pairs
from .schema import ZaamError
from .windows import cut_windows, paragraph_breaks


class InputError(ZaamError, TypeError):
    """``predict()`` was given something that is not text."""


@dataclass(frozen=True)
class Window:
    doc: int
    input_ids: tuple[int, ...]
    word_ids: tuple[int | None, ...]


@dataclass(frozen=True)
class Encoded:
    """One document ready for the model: its words (source offsets) and sub-word windows."""

    text: str
    words: tuple[tuple[int, int], ...]
    windows: tuple[Window, ...]
    sentences: tuple[int, ...] = ()  # sentence index of each word


def preprocess(text: str, tokenizer, settings: ZaamSettings, doc: int = 0) -> Encoded:
    normalized: Normalized = get_normalizer(settings.normalizer)(text)
    norm_words = pretokenize(normalized.text)
    words = tuple(normalized.to_source(s, e) for s, e in norm_words)
    if not norm_words:
        return Encoded(text, words, ())
    sentences = tuple(sentence_ids(normalized.text, norm_words))
    pieces = [normalized.text[s:e] for s, e in norm_words]
    breaks = paragraph_breaks(normalized.text, norm_words)
    windows = tuple(
        Window(doc, tuple(ids), word_ids)
        for ids, word_ids in cut_windows(tokenizer, pieces, breaks, settings.max_length, settings.stride)
    )
    return Encoded(text, words, windows, sentences)


def merge_windows(n_words: int, windows: Sequence[Window], probs: Sequence[np.ndarray]) -> np.ndarray:
    """Per-word label probabilities, each taken from the window where the word sits furthest
    from an edge, so overlapping windows neither lose nor double an entity at a seam."""
    n_labels = probs[0].shape[-1] if probs else 1
    merged = np.zeros((n_words, n_labels), dtype=np.float32)
    margin = np.full(n_words, -1)
    for window, window_probs in zip(windows, probs):
        length = len(window.word_ids)
        seen: set[int] = set()
        for position, word in enumerate(window.word_ids):
            if word is None or word in seen:
                continue
            seen.add(word)
            distance = min(position, length - 1 - position)
            if distance > margin[word]:
                margin[word] = distance
                merged[word] = window_probs[position]
    return merged


def decode_entities(encoded: Encoded, word_probs: np.ndarray, id2label: dict[int, str], lexicon=None,
                    transitions: dict | None = None):
    """Entities from per-word probabilities (Viterbi with tag transitions when the model has
    them, else argmax; name starts settled by the lexicon, if any), with the (first, last,
    label) words of each."""
    text = encoded.text
    if not encoded.words:
        return [], []
    path = viterbi(word_probs, transitions) if transitions else word_probs.argmax(axis=-1).tolist()
    tags = [id2label[int(i)] for i in path]
    confidence = word_probs[np.arange(len(path)), path]
    first_word = {start: i for i, (start, _) in enumerate(encoded.words)}
    last_word = {end: i for i, (_, end) in enumerate(encoded.words)}
    entities = []
    for number, span in enumerate(word_tags_to_spans(encoded.words, tags), start=1):
        first, last = first_word[span.start], last_word[span.end]
        score = float(confidence[first : last + 1].mean())
        entities.append(PredictedEntity(number, span.label, span.start, span.end, text[span.start : span.end], score))
    entities = [e for e in repair_spans(text, entities, lexicon) if e.start in first_word]
    return entities, [(first_word[e.start], last_word[e.end], e.label) for e in entities]


def postprocess(encoded: Encoded, word_probs: np.ndarray, id2label: dict[int, str], doc_id: str | None = None,
                relate: Callable | None = None, lexicon=None, transitions: dict | None = None) -> Prediction:
    """Entities, then relations (``relate(entities, entity_words)``; the rules by default), then claims."""
    entities, entity_words = decode_entities(encoded, word_probs, id2label, lexicon, transitions)
    relations = relate(entities, entity_words) if relate else link(encoded.text, entities)
    return Prediction(encoded.text, tuple(entities), tuple(relations), build_claims(entities, relations), id=doc_id)


def _check_texts(texts) -> tuple[list[str], bool]:
    if isinstance(texts, str):
        return [texts], True
    if isinstance(texts, (bytes, bytearray)):
        raise InputError("predict() takes str or a list of str, got bytes; decode it first (e.g. data.decode('utf-8'))")
    if texts is None or not isinstance(texts, Iterable):
        raise InputError(f"predict() takes str or a list of str, got {type(texts).__name__}")
    texts = list(texts)
    for index, item in enumerate(texts):
        if not isinstance(item, str):
            raise InputError(f"predict() takes str or a list of str; item {index} is {type(item).__name__}")
    return texts, False


class Extractor:
    """A loaded zaam model; call :meth:`predict` on one text or many."""

    def __init__(self, loaded: LoadedModel):
        self.model = loaded.model
        self.tokenizer = loaded.tokenizer
        self.settings = loaded.settings
        self.source = loaded.source
        self.head = loaded.head
        self.precision = loaded.precision
        self.lexicon = loaded.lexicon
        self.transitions = loaded.transitions
        self.id2label = {int(k): v for k, v in self.model.config.id2label.items()}

    def forward(self, windows: Sequence[Window], batch_size: int) -> tuple[list[np.ndarray], list]:
        """Label probabilities per window, batched by length to keep padding small, and with a
        relation head the last hidden states of the same pass."""
        import torch

        order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
        probs: list = [None] * len(windows)
        hidden: list = [None] * len(windows)
        device = self.model.device
        for begin in range(0, len(order), batch_size):
            chunk = order[begin : begin + batch_size]
            padded = self.tokenizer.pad({"input_ids": [list(windows[i].input_ids) for i in chunk]}, return_tensors="pt")
            autocast = torch.autocast(device.type, dtype=torch.bfloat16, enabled=self.precision == "bf16")
            with torch.inference_mode(), autocast:
                out = self.model(input_ids=padded["input_ids"].to(device), attention_mask=padded["attention_mask"].to(device),
                                 output_hidden_states=self.head is not None)
            batch_probs = torch.softmax(out.logits.float(), dim=-1).cpu().numpy()
            for row, index in enumerate(chunk):
                length = len(windows[index].input_ids)
                probs[index] = batch_probs[row, :length]
                if self.head is not None:
                    hidden[index] = out.hidden_states[-1][row, :length]
        return probs, hidden

    def _learned_relations(self, text: str, windows: Sequence[Window], hidden: Sequence, entities, entity_words,
                           sentences: Sequence[int] = ()):
        """Score allowed pairs in every window holding both ends; a pair keeps its best score."""
        import torch

        scores: dict[tuple[int, int], float] = {}
        with_person: set[int] = set()
        position = {e.id: i for i, e in enumerate(entities)}
        rule_pairs = frozenset((position[r.from_id], position[r.to_id]) for r in link(text, entities))
        for window, states in zip(windows, hidden):
            wp = window_pairs(window.word_ids, entity_words, sentences, rule_pairs)
            if any(entity_words[i][2] == "PERSON" for i in wp.entity_ids):
                with_person.update(entities[i].id for i in wp.entity_ids)
            if not wp.pairs:
                continue
            device = states.device
            with torch.inference_mode():
                logits = self.head(states[None].float(), torch.tensor([wp.spans], device=device),
                                   torch.tensor([wp.pairs], device=device), torch.tensor([wp.buckets], device=device),
                                   torch.tensor([wp.gaps], device=device), torch.tensor([wp.rules], device=device))
            for (i, j), p in zip(wp.pairs, torch.sigmoid(logits[0].float()).tolist()):
                key = (entities[wp.entity_ids[i]].id, entities[wp.entity_ids[j]].id)
                scores[key] = max(p, scores.get(key, 0.0))
        relations = select_relations(entities, scores, self.head.config.threshold)
        return carry_speakers(entities, relations, with_person)

    def predict_many(self, docs: Iterable[tuple[str | None, str]], batch_size: int = 32, chunk_docs: int = 64) -> Iterator[Prediction]:
        """Stream predictions for ``(id, text)`` pairs, holding only ``chunk_docs`` at a time."""
        chunk: list[tuple[str | None, str]] = []
        for pair in docs:
            chunk.append(pair)
            if len(chunk) >= chunk_docs:
                yield from self._predict_chunk(chunk, batch_size)
                chunk = []
        if chunk:
            yield from self._predict_chunk(chunk, batch_size)

    def _predict_chunk(self, chunk: list[tuple[str | None, str]], batch_size: int) -> list[Prediction]:
        encoded = [preprocess(text, self.tokenizer, self.settings, doc=i) for i, (_, text) in enumerate(chunk)]
        windows = [w for enc in encoded for w in enc.windows]
        probs, hidden = self.forward(windows, batch_size) if windows else ([], [])
        per_doc: list[list[int]] = [[] for _ in encoded]
        for index, window in enumerate(windows):
            per_doc[window.doc].append(index)
        out = []
        for (doc_id, _), enc, indices in zip(chunk, encoded, per_doc):
            doc_windows = [windows[i] for i in indices]
            word_probs = merge_windows(len(enc.words), doc_windows, [probs[i] for i in indices])
            relate = None
            if self.head is not None:
                relate = partial(self._learned_relations, enc.text, doc_windows, [hidden[i] for i in indices],
                                 sentences=enc.sentences)
            out.append(postprocess(enc, word_probs, self.id2label, doc_id, relate, self.lexicon, self.transitions))
        return out

    def predict(self, texts: str | Sequence[str], batch_size: int = 32) -> Prediction | list[Prediction]:
        """One text gives one :class:`Prediction`; a list gives a list in the same order."""
        items, single = _check_texts(texts)
        predictions = list(self.predict_many(((None, t) for t in items), batch_size=batch_size))
        return predictions[0] if single else predictions


def load(model: str | Path, device: str | None = None, precision: str = "fp32") -> Extractor:
    """Load a model folder written by ``zaam train`` (or a hub id where online).

    ``precision`` may be ``bf16`` or ``int8`` for faster CPU inference (see the README's
    performance section for what each costs in F1)."""
    return Extractor(load_model_folder(model, device=device, precision=precision))


_CACHE: dict[str, Extractor] = {}


def predict(texts: str | Sequence[str], model: str | Path, batch_size: int = 32) -> Prediction | list[Prediction]:
    """Convenience: load ``model`` once (cached) and predict."""
    key = str(Path(model).resolve()) if Path(model).exists() else str(model)
    if key not in _CACHE:
        _CACHE[key] = load(model)
    return _CACHE[key].predict(texts, batch_size=batch_size)
