"""``zaam render``: one self-contained right-to-left HTML page of annotated or predicted
documents, with coloured spans, a legend, and a claims table under each document."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path

from zaam.inference.corpus import check_record, document_from_record, iter_lines
from zaam.inference.schema import ENTITY_LABELS, AnnotationError

from .metrics import gold_as_prediction

COLOURS = {"PERSON": "#f7c6c7", "PLACE": "#c6e2f7", "WEAPON": "#f7e3a1", "COUNT": "#c9f0c2", "UNIT": "#e2d1f5"}

CSS = """
body { font-family: 'Noto Naskh Arabic', 'Amiri', Tahoma, sans-serif; margin: 2em; line-height: 2.1; background: #fafafa; }
.doc { background: #fff; border: 1px solid #ddd; border-radius: 6px; padding: 1em 1.5em; margin-bottom: 1.5em; }
.doc h2 { font-size: 0.9em; color: #666; direction: ltr; text-align: left; margin: 0; }
.text { white-space: pre-wrap; font-size: 1.2em; }
mark { border-radius: 4px; padding: 0.1em 0.25em; }
mark sub { font-size: 0.55em; color: #333; margin-inline-start: 0.2em; font-family: monospace; }
table { border-collapse: collapse; margin-top: 0.6em; font-size: 0.95em; }
th, td { border: 1px solid #ddd; padding: 0.2em 0.6em; }
.legend mark { margin-inline-end: 0.6em; }
"""


def _highlight(text: str, entities: Sequence) -> str:
    parts, cursor = [], 0
    for e in sorted(entities, key=lambda e: e.start):
        parts.append(html.escape(text[cursor : e.start]))
        parts.append(f'<mark class="ent" data-label="{e.label}" style="background:{COLOURS[e.label]}">'
                     f"{html.escape(text[e.start:e.end])}<sub>{e.label}</sub></mark>")
        cursor = e.end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


def _claims_table(prediction) -> str:
    if not prediction.claims:
        return "<p class='no-claims'>لا ادعاءات (no claims)</p>"
    rows = ["<tr><th>البند item</th><th>العدد count</th><th>المكان places</th><th>المصدر claimant</th><th>score</th></tr>"]
    for c in prediction.claims:
        count = ""
        if c.count:
            value = c.count.value if c.count.value is not None else f"{c.count.min}–{c.count.max}"
            count = f"{value} ({c.count.qualifier}{', implied' if c.count.implied else ''})"
        rows.append(f"<tr class='claim'><td>{html.escape(c.item.text)}</td><td>{html.escape(str(count))}</td>"
                    f"<td>{html.escape('، '.join(p.text for p in c.places))}</td>"
                    f"<td>{html.escape(c.claimant.text if c.claimant else '')}</td><td>{c.score:.2f}</td></tr>")
    return "<table>" + "".join(rows) + "</table>"


def render_page(predictions: Sequence, title: str) -> str:
    legend = "".join(f'<mark style="background:{COLOURS[label]}">{label}</mark>' for label in ENTITY_LABELS)
    docs = "".join(
        f"<section class='doc'><h2>{html.escape(str(p.id))}</h2><div class='text'>{_highlight(p.text, p.entities)}</div>"
        f"{_claims_table(p)}</section>"
        for p in predictions
    )
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1><p class='legend'>{legend}</p>{docs}</body></html>\n")


def _prediction_from_record(record: dict, where: str):
    """Claims of an annotation line or a prediction line (keeping its scores), built by the
    same code ``predict()`` uses."""
    problems = check_record(record)
    if problems:
        raise AnnotationError(f"{where}: {record.get('id', '?') if isinstance(record, dict) else '?'}: {problems[0]}")
    entity_scores = {e["id"]: e.get("score", 1.0) for e in record["entities"]}
    relation_scores = {r.get("id"): r.get("score", 1.0) for r in record.get("relations", [])}
    return gold_as_prediction(document_from_record(record), entity_scores, relation_scores)


def render_file(source: Path, target: Path) -> int:
    predictions = []
    for number, line in iter_lines(source):
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationError(f"{source}:{number}: invalid JSON ({exc.msg})") from None
        predictions.append(_prediction_from_record(record, f"{source}:{number}"))
    target.write_text(render_page(predictions, f"zaam — {source.name}"), encoding="utf-8")
    return len(predictions)


def render_report(report: dict, title: str) -> str:
    """Evaluation as a page: micro scores, per-label table, and the word-level confusion view."""
    from zaam.inference.schema import ENTITY_LABELS as LABELS

    def row(name: str, m: dict) -> str:
        return (f"<tr><th>{html.escape(name)}</th><td>{m['precision']:.3f}</td><td>{m['recall']:.3f}</td>"
                f"<td>{m['f1']:.3f}</td><td>{m.get('support', '')}</td></tr>")

    head = "<tr><th></th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr>"
    per_label = "".join(row(k, v) for k, v in sorted(report["entities"]["per_label"].items()))
    micro = (row("entities (strict IOB2)", report["entities"]["micro"]) + row("relations", report["relations"]["micro"])
             + "".join(row("  " + k, v) for k, v in report["relations"]["per_type"].items())
             + row("claims", report["claims"]["micro"]))
    kinds = list(LABELS) + ["O"]
    table = report["entities"].get("confusion", {})
    top = max((n for r in table.values() for n in r.values()), default=1)
    cells = []
    for gold in kinds:
        tds = []
        for predicted in kinds:
            n = table.get(gold, {}).get(predicted, 0)
            shade = 0 if gold == predicted == "O" else int(200 * n / top) if n else 0
            colour = f"rgba(40,120,200,{shade / 255:.2f})" if gold == predicted else f"rgba(220,60,60,{shade / 255:.2f})"
            tds.append(f"<td class='cell' style='background:{colour}'>{n}</td>")
        cells.append(f"<tr><th>{gold}</th>{''.join(tds)}</tr>")
    confusion = (f"<table class='confusion'><tr><th>gold \\ predicted</th>{''.join(f'<th>{k}</th>' for k in kinds)}</tr>"
                 f"{''.join(cells)}</table>")
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1><p>{report['documents']} documents</p>"
            f"<h2>Scores</h2><table>{head}{micro}</table><h2>Per label</h2><table>{head}{per_label}</table>"
            f"<h2>Word-level confusion of entity types</h2>{confusion}</body></html>\n")
