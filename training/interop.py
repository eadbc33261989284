"""Converting annotations between doccano (native), Label Studio, BRAT and CoNLL.

Spans and relations cross every format unchanged; keys a format has no place for are kept
where it allows (Label Studio's ``data``), and BRAT keeps each document as ``ID.txt`` +
``ID.ann``. CoNLL (IOB2 on zaam's canonical words) is an export only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from zaam.inference.corpus import check_record, document_from_record, read_documents, write_documents
from zaam.inference.pretokenize import pretokenize
from zaam.inference.alignment import CharSpan, spans_to_word_tags
from zaam.inference.schema import AnnotationError, Document

FORMATS = ("doccano", "labelstudio", "brat", "conll")
_SAFE_ID = re.compile(r"^[\w.\-]+$")


def guess_format(path: str | Path) -> str:
    path = Path(path)
    if path.suffix == ".jsonl":
        return "doccano"
    if path.suffix == ".json":
        return "labelstudio"
    if path.suffix in (".conll", ".iob", ".tsv"):
        return "conll"
    if path.is_dir() or not path.suffix:
        return "brat"
    raise AnnotationError(f"{path}: cannot tell the format from the name; give --from/--to ({', '.join(FORMATS)})")


def _from_record(record: dict, where: str) -> Document:
    problems = check_record(record)
    if problems:
        raise AnnotationError(f"{where}: {record.get('id', '?')}: {problems[0]}")
    return document_from_record(record)


# Label Studio --------------------------------------------------------------------------

def to_labelstudio(docs: Sequence[Document]) -> list[dict]:
    tasks = []
    for doc in docs:
        results: list[dict] = [
            {"id": f"e{e.id}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": e.start, "end": e.end, "text": doc.text[e.start : e.end], "labels": [e.label]}}
            for e in doc.entities
        ]
        results += [{"type": "relation", "from_id": f"e{r.from_id}", "to_id": f"e{r.to_id}", "direction": "right",
                     "labels": [r.type]} for r in doc.relations]
        tasks.append({"data": {"text": doc.text, "doc_id": doc.id, **{f"zaam_{k}": v for k, v in doc.extra.items()}},
                      "annotations": [{"result": results}]})
    return tasks


def from_labelstudio(tasks: list, where: str) -> list[Document]:
    docs = []
    for index, task in enumerate(tasks):
        here = f"{where}: task {index}"
        try:
            data = task["data"]
            results = (task.get("annotations") or task.get("predictions") or [{"result": []}])[0]["result"]
        except (KeyError, IndexError, TypeError):
            raise AnnotationError(f"{here}: not a Label Studio task (needs data and annotations)") from None
        ids: dict[str, int] = {}
        entities, relations = [], []
        for item in (r for r in results if r.get("type") == "labels"):
            ids[item["id"]] = len(ids) + 1
            value = item["value"]
            entities.append({"id": ids[item["id"]], "label": value["labels"][0],
                             "start_offset": value["start"], "end_offset": value["end"]})
        for item in (r for r in results if r.get("type") == "relation"):
            if item["from_id"] not in ids or item["to_id"] not in ids:
                raise AnnotationError(f"{here}: relation names a region that is not a labelled span")
            relations.append({"id": len(relations) + 1, "from_id": ids[item["from_id"]], "to_id": ids[item["to_id"]],
                              "type": (item.get("labels") or ["?"])[0]})
        record = {"id": data.get("doc_id", index + 1), "text": data.get("text"), "entities": entities, "relations": relations}
        record.update({k.removeprefix("zaam_"): v for k, v in data.items() if k.startswith("zaam_")})
        docs.append(_from_record(record, here))
    return docs


# BRAT standoff -------------------------------------------------------------------------

def to_brat(docs: Sequence[Document], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        if not _SAFE_ID.match(doc.id):
            raise AnnotationError(f"{doc.id!r}: document id cannot be a BRAT file name")
        lines = [f"T{e.id}\t{e.label} {e.start} {e.end}\t{doc.text[e.start:e.end]}" for e in doc.entities]
        lines += [f"R{r.id}\t{r.type} Arg1:T{r.from_id} Arg2:T{r.to_id}" for r in doc.relations]
        (folder / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8", newline="")
        (folder / f"{doc.id}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")


def from_brat(folder: Path) -> list[Document]:
    if not folder.is_dir():
        raise AnnotationError(f"{folder}: a BRAT corpus is a folder of .txt/.ann pairs")
    docs = []
    for text_path in sorted(folder.glob("*.txt")):
        text = text_path.read_text(encoding="utf-8")
        ann_path = text_path.with_suffix(".ann")
        entities, relations = [], []
        lines = ann_path.read_text(encoding="utf-8").splitlines() if ann_path.exists() else []
        for number, line in enumerate(lines, start=1):
            fields = line.split("\t")
            try:
                if line.startswith("T"):
                    label, start, end = fields[1].split(" ")
                    entities.append({"id": int(fields[0][1:]), "label": label, "start_offset": int(start), "end_offset": int(end)})
                elif line.startswith("R"):
                    rtype, arg1, arg2 = fields[1].split(" ")
                    relations.append({"id": int(fields[0][1:]), "from_id": int(arg1.split(":T")[1]),
                                      "to_id": int(arg2.split(":T")[1]), "type": rtype})
            except (IndexError, ValueError):
                raise AnnotationError(f"{ann_path}:{number}: not a BRAT entity (T) or relation (R) line "
                                      "(discontinuous spans are not supported)") from None
        docs.append(_from_record({"id": text_path.stem, "text": text, "entities": entities, "relations": relations}, str(ann_path)))
    return docs


# CoNLL (export) ------------------------------------------------------------------------

def to_conll(docs: Sequence[Document]) -> str:
    blocks = []
    for doc in docs:
        words = pretokenize(doc.text)
        tags, _ = spans_to_word_tags(words, [CharSpan(e.start, e.end, e.label) for e in doc.entities])
        rows = [f"# id = {doc.id}"] + [f"{doc.text[s:e]}\t{tag}" for (s, e), tag in zip(words, tags)]
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


# Dispatch ------------------------------------------------------------------------------

def read_any(path: Path, fmt: str) -> list[Document]:
    if fmt == "doccano":
        return read_documents(path)
    if fmt == "labelstudio":
        try:
            tasks = json.loads(path.read_text(encoding="utf-8-sig"))
        except (OSError, json.JSONDecodeError) as exc:
            raise AnnotationError(f"{path}: not a Label Studio JSON export ({exc})") from None
        return from_labelstudio(tasks if isinstance(tasks, list) else [tasks], str(path))
    if fmt == "brat":
        return from_brat(path)
    raise AnnotationError(f"reading {fmt} is not supported (CoNLL is an export format)")


def write_any(docs: Sequence[Document], path: Path, fmt: str) -> None:
    if fmt == "doccano":
        write_documents(path, docs)
    elif fmt == "labelstudio":
        path.write_text(json.dumps(to_labelstudio(docs), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    elif fmt == "brat":
        to_brat(docs, path)
    else:
        path.write_text(to_conll(docs), encoding="utf-8")


def convert(source: Path, target: Path, source_format: str | None = None, target_format: str | None = None) -> int:
    source_format = source_format or guess_format(source)
    target_format = target_format or guess_format(target)
    docs = read_any(source, source_format)
    write_any(docs, target, target_format)
    return len(docs)
