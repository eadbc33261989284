"""Scores: seqeval entities on canonical words, exact-match relations and claims. Pure functions.

Entities are scored with seqeval (strict, IOB2) on the canonical pre-tokenisation, so gold
and predicted tags always describe the same tokens (decisions.md). Relations match on both
end spans (offsets and label) and type; claims on item, count, places and claimant.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from zaam.inference.alignment import CharSpan, spans_to_word_tags
from zaam.inference.claims import Claim, PredictedEntity, PredictedRelation, Prediction, build_claims
from zaam.inference.pretokenize import pretokenize
from zaam.inference.schema import Document


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}


def set_scores(gold: Iterable[set], pred: Iterable[set]) -> dict[str, float]:
    """Micro P/R/F1 over per-document sets of hashable keys."""
    tp = fp = fn = 0
    for g, p in zip(gold, pred):
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    return prf(tp, fp, fn)


def gold_as_prediction(doc: Document, entity_scores: dict | None = None, relation_scores: dict | None = None) -> Prediction:
    """A document in prediction form, so its claims are built by the same code ``predict()``
    uses; scores by entity/relation id where given (a prediction file), else 1 (gold)."""
    entity_scores, relation_scores = entity_scores or {}, relation_scores or {}
    entities = tuple(PredictedEntity(e.id, e.label, e.start, e.end, doc.text[e.start : e.end], entity_scores.get(e.id, 1.0))
                     for e in doc.entities)
    relations = tuple(PredictedRelation(r.id, r.from_id, r.to_id, r.type, relation_scores.get(r.id, 1.0)) for r in doc.relations)
    return Prediction(doc.text, entities, relations, build_claims(entities, relations), id=doc.id)


def relation_keys(prediction: Prediction) -> set[tuple]:
    by_id = {e.id: e for e in prediction.entities}
    return {
        ((by_id[r.from_id].start, by_id[r.from_id].end, by_id[r.from_id].label), r.type,
         (by_id[r.to_id].start, by_id[r.to_id].end, by_id[r.to_id].label))
        for r in prediction.relations
    }


def claim_key(claim: Claim) -> tuple:
    count = None
    if claim.count is not None:
        count = ("implied", claim.count.value) if claim.count.implied else ("span", claim.count.span.start, claim.count.span.end)
    return (
        (claim.item.start, claim.item.end, claim.item.label),
        count,
        frozenset((p.start, p.end) for p in claim.places),
        (claim.claimant.start, claim.claimant.end) if claim.claimant else None,
    )


def word_tags(text: str, entities: Sequence[PredictedEntity]) -> list[str]:
    """IOB2 tags of ``entities`` on the canonical words of ``text`` (misaligned ones dropped
    from the tags, which the alignment report counts for gold)."""
    spans = [CharSpan(e.start, e.end, e.label) for e in entities]
    tags, _ = spans_to_word_tags(pretokenize(text), spans)
    return tags


def entity_scores(gold: Sequence[Prediction], pred: Sequence[Prediction]) -> dict:
    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    y_true = [word_tags(g.text, g.entities) for g in gold]
    y_pred = [word_tags(p.text, p.entities) for p in pred]
    strict = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)
    lenient = classification_report(y_true, y_pred, output_dict=True, zero_division=0)
    text = classification_report(y_true, y_pred, mode="strict", scheme=IOB2, digits=3, zero_division=0)

    def clean(row: dict) -> dict:
        return {"precision": row["precision"], "recall": row["recall"], "f1": row["f1-score"], "support": int(row["support"])}

    per_label = {k: clean(v) for k, v in strict.items() if not k.endswith("avg")}
    return {
        "micro": clean(strict["micro avg"]),
        "per_label": per_label,
        "lenient_micro": clean(lenient["micro avg"]),
        "report": text,
    }


def confusion(gold: Sequence[Prediction], pred: Sequence[Prediction]) -> dict[str, dict[str, int]]:
    """Word-level confusion of entity types (B/I merged, "O" for none): gold -> predicted -> count."""
    table: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred):
        for gold_tag, pred_tag in zip(word_tags(g.text, g.entities), word_tags(p.text, p.entities)):
            gold_type, pred_type = gold_tag.partition("-")[2] or "O", pred_tag.partition("-")[2] or "O"
            row = table.setdefault(gold_type, {})
            row[pred_type] = row.get(pred_type, 0) + 1
    return table


def score(gold: Sequence[Prediction], pred: Sequence[Prediction]) -> dict:
    """The full report of ``zaam evaluate`` (JSON keys of interfaces.md)."""
    entities = entity_scores(gold, pred)
    relations = set_scores((relation_keys(g) for g in gold), (relation_keys(p) for p in pred))
    per_type = {}
    for rtype in sorted({key[1] for g in gold for key in relation_keys(g)}):
        per_type[rtype] = set_scores(
            ({k for k in relation_keys(g) if k[1] == rtype} for g in gold),
            ({k for k in relation_keys(p) if k[1] == rtype} for p in pred),
        )
    claims = set_scores(({claim_key(c) for c in g.claims} for g in gold), ({claim_key(c) for c in p.claims} for p in pred))
    entities["confusion"] = confusion(gold, pred)
    return {
        "documents": len(gold),
        "entities": entities,
        "relations": {"micro": relations, "per_type": per_type},
        "claims": {"micro": claims},
    }
