"""The corpus authoring format: inline markup converted to exact offsets, so no offset is
ever typed by hand.

A source file holds documents like this::

    === ua-0007 russia-ukraine
    وقال المتحدث باسم الجيش [سيرغي نيكيتين|P1] إن القوات دمرت [12|C1] [دبابة|W1] قرب مدينة [إزيوم|L1].
    + C1>W1 W1>L1,P1

``=== ID [THEATRE]`` opens a document; text lines follow (several lines become paragraphs
joined by a newline); ``[mention|ID]`` marks a span whose label is given by the id's first
letter (P PERSON, L PLACE, W WEAPON, C COUNT, U UNIT); ``+`` lines list relations as
``FROM>TO`` with comma lists on either side, their type inferred from the labels. Lines
starting with ``#`` are comments.

    python -m zaam.training.authoring check FILE...      # report problems, write nothing
    python -m zaam.training.authoring build SRC_DIR OUT_DIR   # convert and split
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from zaam.inference.corpus import check_record, document_from_record, write_documents
from zaam.inference.schema import Document, relation_type_for

PREFIX_LABELS = {"P": "PERSON", "L": "PLACE", "W": "WEAPON", "C": "COUNT", "U": "UNIT"}
MARKUP = re.compile(r"\[([^\[\]|\n]+)\|([PLWCU]\d+)\]")
GENERIC_PLACE_WORDS = ("مدينة", "بلدة", "قرية", "مقاطعة", "محافظة", "إقليم", "ولاية", "منطقة", "محور", "حي", "ريف", "مطار")
TITLE_WORDS = ("الرئيس", "المتحدث", "الجنرال", "العقيد", "اللواء", "الوزير", "وزير", "القائد", "الناطق", "السيد", "الشيخ")


@dataclass
class _Draft:
    doc_id: str
    line: int
    theatre: str | None
    text_lines: list[str] = field(default_factory=list)
    relation_lines: list[tuple[int, str]] = field(default_factory=list)


class AuthoringError(ValueError):
    pass


def _parse_text(lines: list[str]) -> tuple[str, list[tuple[str, int, int]]]:
    """Strip the markup; return plain text and (id, start, end) of each marked span."""
    text_parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    offset = 0
    source = "\n".join(lines)
    cursor = 0
    for match in MARKUP.finditer(source):
        before = source[cursor : match.start()]
        text_parts.append(before)
        offset += len(before)
        mention = match.group(1)
        spans.append((match.group(2), offset, offset + len(mention)))
        text_parts.append(mention)
        offset += len(mention)
        cursor = match.end()
    text_parts.append(source[cursor:])
    return "".join(text_parts), spans


def _lint_span(label: str, mention: str, text: str, start: int) -> str | None:
    """Catch the boundary mistakes the spec forbids but the JSON contract cannot see."""
    first_word = mention.split()[0]
    if label == "PLACE" and first_word in GENERIC_PLACE_WORDS and " " in mention:
        return f"PLACE {mention!r} starts with the generic word {first_word!r}; mark the name only"
    if label == "PERSON" and first_word in TITLE_WORDS:
        return f"PERSON {mention!r} starts with the title {first_word!r}; mark the name only"
    if label == "COUNT" and re.match(r"^[وبلف][0-9٠-٩]", mention):
        return f"COUNT {mention!r} includes an attached conjunction or preposition"
    if re.match(r"^[وف]?[بل]?ال?ـ", mention):
        return f"{label} {mention!r} starts with a tatweel proclitic"
    return None


def _convert(draft: _Draft, filename: str) -> tuple[Document | None, list[str]]:
    where = f"{filename}:{draft.line}: {draft.doc_id}"
    text, spans = _parse_text(draft.text_lines)
    problems: list[str] = []
    if "[" in text or "]" in text or "|" in text:
        problems.append(f"{where}: stray markup characters left after conversion (check brackets)")
    ids: dict[str, int] = {}
    entities = []
    for number, (key, start, end) in enumerate(spans, start=1):
        if key in ids:
            problems.append(f"{where}: span id {key} used twice")
            continue
        ids[key] = number
        label = PREFIX_LABELS[key[0]]
        lint = _lint_span(label, text[start:end], text, start)
        if lint:
            problems.append(f"{where}: {key}: {lint}")
        entities.append({"id": number, "label": label, "start_offset": start, "end_offset": end})
    relations = []
    for line_no, line in draft.relation_lines:
        for token in line.split():
            if ">" not in token:
                problems.append(f"{filename}:{line_no}: {draft.doc_id}: relation {token!r} is not FROM>TO")
                continue
            sources, targets = (part.split(",") for part in token.split(">", 1))
            for src in sources:
                for dst in targets:
                    if src not in ids or dst not in ids:
                        problems.append(f"{filename}:{line_no}: {draft.doc_id}: relation {src}>{dst} names an unknown span id")
                        continue
                    rtype = relation_type_for(PREFIX_LABELS[src[0]], PREFIX_LABELS[dst[0]])
                    if rtype is None:
                        problems.append(f"{filename}:{line_no}: {draft.doc_id}: no relation type goes {src}>{dst}")
                        continue
                    relations.append({"id": len(relations) + 1, "from_id": ids[src], "to_id": ids[dst], "type": rtype})
    record = {"id": draft.doc_id, "text": text, "entities": entities, "relations": relations}
    record["meta"] = {"source": f"{filename}:{draft.line}"}
    if draft.theatre:
        record["meta"]["theatre"] = draft.theatre
    problems.extend(f"{where}: {m}" for m in check_record(record))
    if problems:
        return None, problems
    return document_from_record(record), []


def parse_source(path: str | Path) -> tuple[list[Document], list[str]]:
    """Convert one source file; returns the documents and every problem found."""
    path = Path(path)
    drafts: list[_Draft] = []
    problems: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("==="):
            parts = line[3:].split()
            if not parts:
                problems.append(f"{path}:{number}: document header without an id")
                continue
            drafts.append(_Draft(parts[0], number, parts[1] if len(parts) > 1 else None))
        elif not drafts:
            problems.append(f"{path}:{number}: text before the first '=== ID' header")
        elif line.startswith("+"):
            drafts[-1].relation_lines.append((number, line[1:]))
        else:
            drafts[-1].text_lines.append(line)
    docs = []
    for draft in drafts:
        if not draft.text_lines:
            problems.append(f"{path}:{draft.line}: {draft.doc_id}: document has no text")
            continue
        doc, doc_problems = _convert(draft, str(path))
        problems.extend(doc_problems)
        if doc is not None:
            docs.append(doc)
    return docs, problems


def parse_sources(paths: list[Path]) -> tuple[list[Document], list[str]]:
    docs: list[Document] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        file_docs, file_problems = parse_source(path)
        problems.extend(file_problems)
        for doc in file_docs:
            if doc.id in seen:
                problems.append(f"{path}: {doc.id}: document id already used in {seen[doc.id]}")
                continue
            seen[doc.id] = str(path)
            docs.append(doc)
    return docs, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zaam.training.authoring", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="report problems in source files")
    check.add_argument("files", nargs="+", type=Path)
    build = sub.add_parser("build", help="convert every *.txt of SRC_DIR and write the splits to OUT_DIR")
    build.add_argument("src_dir", type=Path)
    build.add_argument("out_dir", type=Path)
    args = parser.parse_args(argv)
    if args.command == "check":
        docs, problems = parse_sources(args.files)
    else:
        docs, problems = parse_sources(sorted(args.src_dir.glob("*.txt")))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    if args.command == "check":
        n_ent = sum(len(d.entities) for d in docs)
        n_rel = sum(len(d.relations) for d in docs)
        print(f"ok: {len(docs)} documents, {n_ent} entities, {n_rel} relations")
        return 0
    from .splits import split_documents

    splits = split_documents(docs)
    for name, part in splits.items():
        write_documents(args.out_dir / f"{name}.jsonl", part)
        print(f"{name}: {len(part)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
