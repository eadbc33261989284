"""``evaluate(model, files)``: predict on annotated documents and score against them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from zaam.inference.corpus import read_many
from zaam.inference.extractor import Extractor, load

from .metrics import gold_as_prediction, score


def evaluate(model: str | Path | Extractor, files: Sequence[str | Path], batch_size: int = 32, progress: bool = False) -> dict:
    extractor = model if isinstance(model, Extractor) else load(model)
    docs = read_many(files)
    pairs = ((d.id, d.text) for d in docs)
    stream = extractor.predict_many(pairs, batch_size=batch_size)
    if progress:
        from tqdm.auto import tqdm

        stream = tqdm(stream, total=len(docs), desc="evaluating", unit="doc")
    predictions = list(stream)
    return score([gold_as_prediction(d) for d in docs], predictions)


def format_report(report: dict) -> str:
    def row(name: str, m: dict) -> str:
        return f"{name:<14} {m['precision']:>9.3f} {m['recall']:>9.3f} {m['f1']:>9.3f} {m['support']:>9}"

    lines = [
        f"documents: {report['documents']}", "",
        "Entities (seqeval, strict IOB2, canonical words):", report["entities"]["report"].rstrip(),
        f"(lenient seqeval default, for comparison: micro F1 {report['entities']['lenient_micro']['f1']:.3f})", "",
        f"{'':<14} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>9}",
        row("relations", report["relations"]["micro"]),
        *(row("  " + k, v) for k, v in report["relations"]["per_type"].items()),
        row("claims", report["claims"]["micro"]),
    ]
    return "\n".join(lines)


def json_report(report: dict) -> dict:
    """The ``--json`` object: interfaces.md's keys (the text table left out)."""
    entities = {k: v for k, v in report["entities"].items() if k != "report"}
    return {"documents": report["documents"], "entities": entities, "relations": report["relations"], "claims": report["claims"]}
