import json

import pytest

from zaam.inference.corpus import read_documents, validate_file, write_documents
from zaam.inference.schema import AnnotationError

GOOD = {"id": "d1", "text": "دمرت 12 دبابة قرب إزيوم",
        "entities": [{"id": 1, "label": "COUNT", "start_offset": 5, "end_offset": 7},
                     {"id": 2, "label": "WEAPON", "start_offset": 8, "end_offset": 13},
                     {"id": 3, "label": "PLACE", "start_offset": 18, "end_offset": 23}],
        "relations": [{"id": 1, "from_id": 1, "to_id": 2, "type": "COUNT_OF"},
                      {"id": 2, "from_id": 2, "to_id": 3, "type": "LOCATED_AT"}],
        "meta": {"source": "kept"}}


def write_lines(path, lines):
    path.write_text("".join(lines), encoding="utf-8")
    return path


def variant(**changes):
    record = json.loads(json.dumps(GOOD))
    for key, value in changes.items():
        record[key] = value
    return json.dumps(record, ensure_ascii=False) + "\n"


def test_valid_file_round_trips_with_extra_keys(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [variant()])
    docs = read_documents(path)
    assert docs[0].text[docs[0].entities[1].start: docs[0].entities[1].end] == "دبابة"
    write_documents(tmp_path / "b.jsonl", docs)
    assert json.loads((tmp_path / "b.jsonl").read_text(encoding="utf-8")) == GOOD


def test_bom_and_crlf_are_accepted(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + variant().replace("\n", "\r\n").encode("utf-8"))
    assert len(read_documents(path)) == 1


@pytest.mark.parametrize("line, message", [
    ("{not json\n", "invalid JSON"),
    (variant(text=None), "'text' is missing"),
    (variant(entities=[{"id": 1, "label": "TANK", "start_offset": 0, "end_offset": 4}]), "unknown label 'TANK'"),
    (variant(entities=[{"id": 1, "label": "COUNT", "start_offset": 5, "end_offset": 99}]), "outside text"),
    (variant(entities=[{"id": 1, "label": "COUNT", "start_offset": 4, "end_offset": 7}]), "whitespace"),
    (variant(entities=GOOD["entities"] + [{"id": 4, "label": "WEAPON", "start_offset": 6, "end_offset": 10}]), "overlap"),
    (variant(relations=[{"id": 1, "from_id": 1, "to_id": 9, "type": "COUNT_OF"}]), "not in this document"),
    (variant(relations=[{"id": 1, "from_id": 3, "to_id": 1, "type": "COUNT_OF"}]), "cannot go from PLACE to COUNT"),
    (variant(relations=[{"id": 1, "from_id": 1, "to_id": 2, "type": "OWNS"}]), "unknown relation type"),
    (variant(entities=[{"id": 1, "label": "COUNT", "start_offset": 5}]), "missing key(s) end_offset"),
])
def test_every_problem_is_reported_with_file_line_and_id(tmp_path, line, message):
    path = write_lines(tmp_path / "bad.jsonl", [variant(id="ok"), line])
    problems = validate_file(path)
    assert problems and all(p.line == 2 for p in problems)
    assert any(message in str(p) for p in problems), [str(p) for p in problems]
    assert str(problems[0]).startswith(f"{path}:2: ")
    with pytest.raises(AnnotationError, match=f"{path}:2"):
        read_documents(path)


def test_duplicate_document_ids_are_reported(tmp_path):
    path = write_lines(tmp_path / "dup.jsonl", [variant(), variant()])
    assert "duplicate document id" in str(validate_file(path)[0])


def test_missing_file_is_one_clear_problem(tmp_path):
    problems = validate_file(tmp_path / "nope.jsonl")
    assert len(problems) == 1 and "no such file" in str(problems[0])
