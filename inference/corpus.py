"""Reading, checking and writing doccano relation JSONL (the project's data contract).

Every problem is reported as ``file:line: id: message`` so a user can jump to it; reading
stops with one :class:`AnnotationError` instead of a traceback or silently dropped data.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .schema import (
    ENTITY_LABELS,
    RELATION_TYPES,
    AnnotationError,
    Document,
    Entity,
    Relation,
    relation_type_for,
)


@dataclass(frozen=True)
class Problem:
    """One contract violation, located precisely."""

    file: str
    line: int
    doc_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.doc_id}: {self.message}"


def iter_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """Non-blank lines with 1-based numbers; tolerates a BOM and CRLF line ends."""
    path = Path(path)
    if not path.is_file():
        raise AnnotationError(f"{path}: no such file")
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnnotationError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            yield number, line


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _check_entities(record: dict, text: str) -> tuple[list[str], dict[int, str]]:
    problems: list[str] = []
    labels: dict[int, str] = {}
    spans: list[tuple[int, int, int]] = []
    entities = record.get("entities")
    if not isinstance(entities, list):
        return ["'entities' is missing or not a list"], labels
    for index, ent in enumerate(entities):
        where = f"entities[{index}]"
        if not isinstance(ent, dict):
            problems.append(f"{where}: not an object")
            continue
        missing = [k for k in ("id", "label", "start_offset", "end_offset") if k not in ent]
        if missing:
            problems.append(f"{where}: missing key(s) {', '.join(missing)}")
            continue
        eid, label, start, end = ent["id"], ent["label"], ent["start_offset"], ent["end_offset"]
        if not _is_int(eid):
            problems.append(f"{where}.id: must be an integer, got {eid!r}")
            continue
        if eid in labels:
            problems.append(f"{where}.id: duplicate entity id {eid}")
        if label not in ENTITY_LABELS:
            problems.append(f"{where}.label: unknown label {label!r} (valid: {', '.join(ENTITY_LABELS)})")
        if not (_is_int(start) and _is_int(end)):
            problems.append(f"{where}: offsets must be integers, got {start!r}, {end!r}")
            continue
        if not 0 <= start < end <= len(text):
            problems.append(f"{where}: offsets [{start}, {end}) outside text of length {len(text)} or empty")
            continue
        mention = text[start:end]
        if mention != mention.strip():
            problems.append(f"{where}: span {mention!r} has leading or trailing whitespace")
        labels[eid] = label
        spans.append((start, end, eid))
    spans.sort()
    for (s1, e1, id1), (s2, e2, id2) in zip(spans, spans[1:]):
        if s2 < e1:
            problems.append(f"entities {id1} [{s1}, {e1}) and {id2} [{s2}, {e2}) overlap")
    return problems, labels


def _check_relations(record: dict, labels: dict[int, str]) -> list[str]:
    problems: list[str] = []
    relations = record.get("relations", [])
    if not isinstance(relations, list):
        return ["'relations' is not a list"]
    seen: set[tuple] = set()
    for index, rel in enumerate(relations):
        where = f"relations[{index}]"
        if not isinstance(rel, dict):
            problems.append(f"{where}: not an object")
            continue
        missing = [k for k in ("from_id", "to_id", "type") if k not in rel]
        if missing:
            problems.append(f"{where}: missing key(s) {', '.join(missing)}")
            continue
        src, dst, rtype = rel["from_id"], rel["to_id"], rel["type"]
        if rtype not in RELATION_TYPES:
            problems.append(f"{where}.type: unknown relation type {rtype!r} (valid: {', '.join(RELATION_TYPES)})")
            continue
        absent = [str(x) for x in (src, dst) if x not in labels]
        if absent:
            problems.append(f"{where}: names entity id(s) {', '.join(absent)} not in this document")
            continue
        expected = relation_type_for(labels[src], labels[dst])
        if expected != rtype:
            problems.append(f"{where}: {rtype} cannot go from {labels[src]} to {labels[dst]}")
        key = (src, dst, rtype)
        if key in seen:
            problems.append(f"{where}: duplicate relation {src} -{rtype}-> {dst}")
        seen.add(key)
    return problems


def check_record(record: Any) -> list[str]:
    """Every contract violation of one parsed JSON line (empty when it is valid)."""
    if not isinstance(record, dict):
        return ["line is not a JSON object"]
    problems = []
    if "id" not in record:
        problems.append("missing key 'id'")
    text = record.get("text")
    if not isinstance(text, str):
        return problems + ["'text' is missing or not a string"]
    entity_problems, labels = _check_entities(record, text)
    return problems + entity_problems + _check_relations(record, labels)


def document_from_record(record: dict) -> Document:
    """Build a Document from a record that :func:`check_record` accepted."""
    entities = tuple(
        sorted(
            (Entity(e["id"], e["label"], e["start_offset"], e["end_offset"]) for e in record["entities"]),
            key=lambda e: (e.start, e.end),
        )
    )
    relations = tuple(
        Relation(r.get("id", i + 1), r["from_id"], r["to_id"], r["type"])
        for i, r in enumerate(record.get("relations", []))
    )
    known = {"id", "text", "entities", "relations"}
    extra = {k: v for k, v in record.items() if k not in known}
    return Document(str(record["id"]), record["text"], entities, relations, extra)


def validate_file(path: str | Path) -> list[Problem]:
    """All problems of one file; an unreadable file is one problem at line 0."""
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    try:
        for number, line in iter_lines(path):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(str(path), number, "?", f"invalid JSON: {exc.msg} (column {exc.colno})"))
                continue
            doc_id = str(record.get("id", "?")) if isinstance(record, dict) else "?"
            problems.extend(Problem(str(path), number, doc_id, m) for m in check_record(record))
            if doc_id != "?" and doc_id in seen_ids:
                problems.append(Problem(str(path), number, doc_id, f"duplicate document id (first on line {seen_ids[doc_id]})"))
            seen_ids.setdefault(doc_id, number)
    except AnnotationError as exc:
        problems.append(Problem(str(path), 0, "-", str(exc).split(": ", 1)[-1]))
    return problems


def read_documents(path: str | Path) -> list[Document]:
    """Load a corpus file, refusing it whole (with the first problem named) if it is invalid."""
    problems = validate_file(path)
    if problems:
        more = f" (and {len(problems) - 1} more problem(s); run `zaam validate {path}`)" if len(problems) > 1 else ""
        raise AnnotationError(f"{problems[0]}{more}")
    return [document_from_record(json.loads(line)) for _, line in iter_lines(path)]


def read_many(paths: Iterable[str | Path]) -> list[Document]:
    docs: list[Document] = []
    for path in paths:
        docs.extend(read_documents(path))
    return docs


def write_documents(path: str | Path, docs: Iterable[Document | dict]) -> int:
    """Write documents (or prediction dicts) as JSONL; returns how many were written."""
    count = 0
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for doc in docs:
            record = doc.to_dict() if hasattr(doc, "to_dict") else doc
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
