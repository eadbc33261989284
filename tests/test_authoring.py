from zaam.training.authoring import parse_source

SOURCE = """# comment
=== x-1 russia-ukraine
وقال [سيرغي نيكيتين|P1] إن القوات دمرت [12|C1] [دبابة|W1] و[مروحيتين|W2] قرب مدينة [إزيوم|L1].
+ C1>W1 W1,W2>L1,P1
"""


def convert(tmp_path, text):
    path = tmp_path / "src.txt"
    path.write_text(text, encoding="utf-8")
    return parse_source(path)


def test_markup_becomes_exact_offsets_and_typed_relations(tmp_path):
    docs, problems = convert(tmp_path, SOURCE)
    assert not problems
    doc = docs[0]
    assert [doc.text[e.start:e.end] for e in doc.entities] == ["سيرغي نيكيتين", "12", "دبابة", "مروحيتين", "إزيوم"]
    assert "[" not in doc.text and doc.text.startswith("وقال سيرغي")
    types = sorted(r.type for r in doc.relations)
    assert types == ["CLAIMED_BY", "CLAIMED_BY", "COUNT_OF", "LOCATED_AT", "LOCATED_AT"]
    assert doc.extra["meta"]["theatre"] == "russia-ukraine"


def test_forbidden_direction_and_unknown_id_are_reported_with_line(tmp_path):
    docs, problems = convert(tmp_path, SOURCE.replace("+ C1>W1", "+ L1>W1 C1>W9"))
    assert not docs
    assert any(":4: x-1: no relation type goes L1>W1" in p for p in problems)
    assert any("C1>W9 names an unknown span id" in p for p in problems)


def test_generic_place_word_and_title_inside_spans_are_refused(tmp_path):
    text = SOURCE.replace("مدينة [إزيوم|L1]", "[مدينة إزيوم|L1]").replace("[سيرغي نيكيتين|P1]", "[الجنرال سيرغي|P1]")
    _, problems = convert(tmp_path, text)
    assert any("generic word" in p for p in problems) and any("title" in p for p in problems)
