from pathlib import Path

import pytest

from zaam.inference.alignment import (BIO_LABELS, CharSpan, IGNORE_INDEX, spans_to_word_tags, subword_labels,
                                      word_tags_to_spans)
from zaam.inference.corpus import read_documents
from zaam.inference.pretokenize import pretokenize

ANNOTATIONS = Path(__file__).parent.parent / "annotations"


def roundtrip(doc):
    words = pretokenize(doc.text)
    spans = [CharSpan(e.start, e.end, e.label) for e in doc.entities]
    tags, misaligned = spans_to_word_tags(words, spans)
    return sorted(spans, key=lambda s: s.start), word_tags_to_spans(words, tags), misaligned


def test_proclitic_boundaries_are_learnable_spans(mini_docs):
    for doc in mini_docs:
        gold, decoded, misaligned = roundtrip(doc)
        assert not misaligned and decoded == gold


def test_every_corpus_document_round_trips_spans_labels_spans():
    files = sorted(ANNOTATIONS.glob("*.jsonl"))
    if not files:
        pytest.skip("annotations/*.jsonl not built yet")
    bad = []
    for path in files:
        for doc in read_documents(path):
            gold, decoded, misaligned = roundtrip(doc)
            if misaligned or decoded != gold:
                bad.append(doc.id)
    assert not bad, f"{len(bad)} documents do not round-trip: {bad[:10]}"


def test_span_inside_a_word_is_reported_misaligned_not_guessed():
    text = "دمرتدبابة"
    tags, misaligned = spans_to_word_tags(pretokenize(text), [CharSpan(4, 9, "WEAPON")])
    assert misaligned == [CharSpan(4, 9, "WEAPON")] and set(tags) == {"O"}


def test_stray_inside_tag_opens_a_span():
    words = [(0, 2), (3, 5), (6, 8)]
    assert word_tags_to_spans(words, ["O", "I-PLACE", "I-PLACE"]) == [CharSpan(3, 8, "PLACE")]
    assert word_tags_to_spans(words, ["B-COUNT", "I-WEAPON", "O"]) == [CharSpan(0, 2, "COUNT"), CharSpan(3, 5, "WEAPON")]


def test_only_first_subword_of_each_word_is_labelled():
    assert subword_labels([None, 0, 0, 1, None], [3, 5]) == [IGNORE_INDEX, 3, IGNORE_INDEX, 5, IGNORE_INDEX]
    assert BIO_LABELS[0] == "O" and len(BIO_LABELS) == 11
