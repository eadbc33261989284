"""Turning annotated documents into model features (sub-word windows with IOB2 labels).

Gold spans that cannot be aligned to the canonical words are counted and reported, never
dropped silently; with ``strict`` they stop training.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from zaam.inference.alignment import BIO_LABELS, CharSpan, spans_to_word_tags, subword_labels
from zaam.inference.claims import PredictedEntity
from zaam.inference.linking import link, sentence_ids
from zaam.inference.normalize import get_normalizer
from zaam.inference.pretokenize import pretokenize
from zaam.inference.schema import Document, ZaamError
from zaam.inference.windows import cut_windows, paragraph_breaks

logger = logging.getLogger("zaam")
LABEL2ID = {label: i for i, label in enumerate(BIO_LABELS)}


class AlignmentError(ZaamError):
    """Gold spans do not fall on word boundaries and strict alignment was asked for."""


@dataclass
class AlignmentReport:
    documents: int = 0
    spans: int = 0
    misaligned: list[tuple[str, str, str]] = field(default_factory=list)  # (doc id, label, text)

    def summary(self) -> str:
        by_label = Counter(label for _, label, _ in self.misaligned)
        detail = ", ".join(f"{k}: {v}" for k, v in sorted(by_label.items()))
        return (f"{len(self.misaligned)} of {self.spans} gold spans in {self.documents} documents could not be "
                f"aligned to word boundaries and are not learned ({detail or 'none'})")


@dataclass(frozen=True)
class WordDoc:
    """A document as canonical words (normalised strings) with their IOB2 tags."""

    id: str
    words: tuple[str, ...]
    tags: tuple[str, ...]
    breaks: tuple[int, ...] = (0,)
    entity_words: tuple[tuple[int, int, str], ...] = ()  # aligned gold entities: first, last word, label
    relations: tuple[tuple[int, int], ...] = ()  # gold relations as indices into entity_words
    sentences: tuple[int, ...] = ()  # sentence index of each word
    rule_pairs: frozenset = frozenset()  # (from, to) entity_words indices the rule linker relates


def document_words(doc: Document, normalizer: str, report: AlignmentReport | None = None) -> WordDoc:
    """Canonical words and gold tags of a document, as the evaluation scores them."""
    normalized = get_normalizer(normalizer)(doc.text)
    norm_words = pretokenize(normalized.text)
    source_words = [normalized.to_source(s, e) for s, e in norm_words]
    spans = [CharSpan(e.start, e.end, e.label) for e in doc.entities]
    tags, misaligned = spans_to_word_tags(source_words, spans)
    if report is not None:
        report.documents += 1
        report.spans += len(spans)
        report.misaligned.extend((doc.id, s.label, doc.text[s.start : s.end]) for s in misaligned)
    first_word = {start: i for i, (start, _) in enumerate(source_words)}
    last_word = {end: i for i, (_, end) in enumerate(source_words)}
    lost = set(misaligned)
    aligned = [e for e, span in zip(doc.entities, spans) if span not in lost]
    index_of = {e.id: i for i, e in enumerate(aligned)}
    entity_words = tuple((first_word[e.start], last_word[e.end], e.label) for e in aligned)
    relations = tuple((index_of[r.from_id], index_of[r.to_id]) for r in doc.relations
                      if r.from_id in index_of and r.to_id in index_of)
    words = tuple(normalized.text[s:e] for s, e in norm_words)
    breaks = tuple(paragraph_breaks(normalized.text, norm_words))
    sentences = tuple(sentence_ids(normalized.text, norm_words))
    as_predicted = [PredictedEntity(i, e.label, e.start, e.end, doc.text[e.start : e.end], 1.0) for i, e in enumerate(aligned)]
    rule_pairs = frozenset((r.from_id, r.to_id) for r in link(doc.text, as_predicted))
    return WordDoc(doc.id, words, tuple(tags), breaks, entity_words, relations, sentences, rule_pairs)


def align_documents(docs: Sequence[Document], normalizer: str, strict: bool = False) -> tuple[list[WordDoc], AlignmentReport]:
    report = AlignmentReport()
    word_docs = [document_words(doc, normalizer, report) for doc in docs]
    if report.misaligned:
        examples = "; ".join(f"{d}: {lab} {t!r}" for d, lab, t in report.misaligned[:5])
        message = f"{report.summary()}; e.g. {examples}"
        if strict:
            raise AlignmentError(message)
        logger.warning(message)
    return word_docs, report


def encode_windows(word_docs: Sequence[WordDoc], tokenizer, max_length: int, stride: int,
                   with_relations: bool = False) -> dict[str, list]:
    """Sub-word windows with first-sub-word labels (-100 elsewhere), as run_ner does, and
    with ``with_relations`` the gold entity pairs of each window for the relation head."""
    features: dict[str, list] = {"input_ids": [], "attention_mask": [], "labels": []}
    for doc in word_docs:
        label_ids = [LABEL2ID[t] for t in doc.tags]
        for ids, word_ids in cut_windows(tokenizer, doc.words, doc.breaks, max_length, stride):
            features["input_ids"].append(ids)
            features["attention_mask"].append([1] * len(ids))
            features["labels"].append(subword_labels(word_ids, label_ids))
            if with_relations:
                from .joint import pair_features

                for key, value in pair_features(doc, word_ids).items():
                    features.setdefault(key, []).append(value)
    return features
