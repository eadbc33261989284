"""Corpus statistics for ``zaam stats``: sizes, label and relation counts, variety, hard cases.

Hard cases are detected by the same code the package uses to read them (number parsing,
implied counts, canonical words), so the counts say what the model is actually shown.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from zaam.inference.linking import sentence_bounds, sentence_index
from zaam.inference.numbers import implied_count, parse_count
from zaam.inference.schema import ENTITY_LABELS, ITEM_LABELS, RELATION_TYPES, Document

from .metrics import gold_as_prediction

_EASTERN_DIGITS = re.compile(r"[٠-٩۰-۹]")
_ANY_DIGIT = re.compile(r"[0-9٠-٩۰-۹]+")
_NATIONALITY = re.compile(
    r"\b(?:أوكران|روس|إسرائيل|أمريك|أميرك|سوري|سودان|يمن|عراق|إيران|تركي|لبنان|فلسطين|أذربيج|أرمين|صومال|ليبي|مالي|نيجير|مصري|سعودي)"
    r"\w*(?:ي|ية|يا|يين|يون|يات)\b"
)
_PROCLITIC = re.compile(r"[وفبلك]ـ*$")

HARD_CASES = (
    "proclitic_on_name_or_place", "eastern_arabic_digits", "number_words", "dual_items", "singular_items",
    "ranges", "approximations_and_bounds", "vague_plurals", "latin_model_names", "nationality_adjectives",
    "numbers_not_counts", "speaker_in_earlier_sentence", "places_shared_by_items",
)


def _hard_cases(doc: Document, counter: Counter) -> None:
    by_id = doc.entity_by_id()
    counted = {r.to_id for r in doc.relations if r.type == "COUNT_OF"}
    bounds = sentence_bounds(doc.text)

    def sentence(pos: int) -> int:
        return sentence_index(bounds, pos)

    for e in doc.entities:
        text = doc.text[e.start : e.end]
        if e.label in ("PERSON", "PLACE") and e.start and _PROCLITIC.search(doc.text[max(0, e.start - 3) : e.start]) \
                and (e.start < 2 or not doc.text[e.start - 2].isalpha() or doc.text[e.start - 1] == "ـ"):
            counter["proclitic_on_name_or_place"] += 1
        if e.label == "COUNT":
            parsed = parse_count(text)
            counter["eastern_arabic_digits"] += bool(_EASTERN_DIGITS.search(text))
            if parsed and not _ANY_DIGIT.search(text) and parsed.qualifier != "vague":
                counter["number_words"] += 1
            if parsed and parsed.qualifier == "range":
                counter["ranges"] += 1
            elif parsed and parsed.qualifier == "vague":
                counter["vague_plurals"] += 1
            elif parsed and parsed.qualifier != "exact":
                counter["approximations_and_bounds"] += 1
        if e.label in ITEM_LABELS:
            if e.id not in counted:
                implied = implied_count(text)
                counter["dual_items"] += implied == 2
                counter["singular_items"] += implied == 1
            counter["nationality_adjectives"] += bool(_NATIONALITY.search(text))
        if e.label == "WEAPON" and re.search(r"[A-Za-z]", text):
            counter["latin_model_names"] += 1
    count_spans = [(e.start, e.end) for e in doc.entities if e.label == "COUNT"]
    for match in _ANY_DIGIT.finditer(doc.text):
        if not any(s <= match.start() < e for s, e in count_spans):
            counter["numbers_not_counts"] += 1
    places = Counter()
    for r in doc.relations:
        if r.type == "CLAIMED_BY" and sentence(by_id[r.from_id].start) != sentence(by_id[r.to_id].start):
            counter["speaker_in_earlier_sentence"] += 1
        if r.type == "LOCATED_AT":
            places[r.to_id] += 1
    counter["places_shared_by_items"] += sum(1 for n in places.values() if n >= 2)


def corpus_stats(docs: Sequence[Document]) -> dict:
    labels, relations, hard = Counter(), Counter(), Counter()
    distinct: dict[str, set[str]] = {label: set() for label in ENTITY_LABELS}
    theatres: Counter = Counter()
    sentences = no_claim = 0
    for doc in docs:
        sentences += len(sentence_bounds(doc.text.strip()))
        for e in doc.entities:
            labels[e.label] += 1
            distinct[e.label].add(doc.text[e.start : e.end])
        relations.update(r.type for r in doc.relations)
        no_claim += not gold_as_prediction(doc).claims
        theatre = (doc.extra.get("meta") or {}).get("theatre") if isinstance(doc.extra.get("meta"), dict) else None
        if theatre:
            theatres[theatre] += 1
        _hard_cases(doc, hard)
    return {
        "documents": len(docs),
        "sentences": sentences,
        "entities": sum(labels.values()),
        "relations": sum(relations.values()),
        "labels": {label: labels[label] for label in ENTITY_LABELS},
        "relation_types": {rtype: relations[rtype] for rtype in RELATION_TYPES},
        "distinct_strings": {label: len(distinct[label]) for label in ENTITY_LABELS},
        "documents_without_claims": no_claim,
        "theatres": dict(sorted(theatres.items())),
        "hard_cases": {name: hard[name] for name in HARD_CASES},
    }


def format_stats(stats: dict) -> str:
    share = stats["documents_without_claims"] / stats["documents"] if stats["documents"] else 0.0
    lines = [
        f"documents {stats['documents']}, sentences {stats['sentences']}, entity mentions {stats['entities']}, "
        f"relations {stats['relations']}, documents without claims {stats['documents_without_claims']} ({share:.1%})",
        "", "| label | mentions | distinct strings |", "|---|---:|---:|",
        *(f"| {k} | {v} | {stats['distinct_strings'][k]} |" for k, v in stats["labels"].items()),
        "", "| relation | edges |", "|---|---:|", *(f"| {k} | {v} |" for k, v in stats["relation_types"].items()),
        "", "| hard case | count |", "|---|---:|", *(f"| {k} | {v} |" for k, v in stats["hard_cases"].items()),
    ]
    if stats["theatres"]:
        lines += ["", f"theatres ({len(stats['theatres'])}): " + ", ".join(f"{k} {v}" for k, v in stats["theatres"].items())]
    return "\n".join(lines)


def context_words(doc: Document) -> frozenset[str]:
    """The words of a document outside its entity spans (what a template would repeat)."""
    pieces, cursor = [], 0
    for e in sorted(doc.entities, key=lambda e: e.start):
        pieces.append(doc.text[cursor : e.start])
        cursor = e.end
    pieces.append(doc.text[cursor:])
    return frozenset(re.findall(r"[^\W\d_]+", " ".join(pieces)))


def near_duplicates(docs: Sequence[Document], threshold: float = 0.6, min_words: int = 8) -> dict:
    """Share of document pairs (of documents with ``min_words`` or more context words) whose
    context-word sets have a Jaccard similarity of ``threshold`` or more."""
    sets = [(d.id, w) for d in docs if len(w := context_words(d)) >= min_words]
    close: list[tuple[str, str, float]] = []
    for i, (id_a, a) in enumerate(sets):
        for id_b, b in sets[i + 1 :]:
            if min(len(a), len(b)) / max(len(a), len(b)) < threshold:
                continue  # Jaccard cannot reach the threshold
            similarity = len(a & b) / len(a | b)
            if similarity >= threshold:
                close.append((id_a, id_b, similarity))
    pairs = len(sets) * (len(sets) - 1) // 2
    return {"documents": len(sets), "pairs": pairs, "near_duplicate_pairs": len(close),
            "share": len(close) / pairs if pairs else 0.0, "examples": close[:10]}
