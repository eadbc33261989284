"""Round trips through every annotation format keep every span and relation."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from zaam.inference.corpus import read_documents
from zaam.training.cli import main
from zaam.training.interop import convert, read_any, to_conll

TEST_SPLIT = Path(__file__).parent.parent / "annotations" / "test.jsonl"


def comparable(docs):
    return [(d.id, d.text, sorted((e.label, e.start, e.end) for e in d.entities),
             sorted((r.type, r.from_id, r.to_id) for r in d.relations)) for d in docs]


@pytest.fixture(scope="module")
def test_docs():
    if not TEST_SPLIT.exists():
        pytest.skip("annotations/test.jsonl not built")
    return read_documents(TEST_SPLIT)


@pytest.mark.parametrize("fmt, name", [("labelstudio", "ls.json"), ("brat", "brat"), ("doccano", "copy.jsonl")])
def test_whole_test_split_round_trips_unchanged(tmp_path, test_docs, fmt, name):
    there = tmp_path / name
    back = tmp_path / "back.jsonl"
    assert convert(TEST_SPLIT, there, target_format=fmt) == len(test_docs)
    convert(there, back, source_format=fmt)
    assert comparable(read_documents(back)) == comparable(test_docs)


def test_labelstudio_keeps_extra_keys(tmp_path, test_docs):
    convert(TEST_SPLIT, tmp_path / "ls.json")
    assert read_any(tmp_path / "ls.json", "labelstudio")[0].extra == test_docs[0].extra


def test_conll_export_is_iob2_on_canonical_words(mini_docs):
    conll = to_conll(mini_docs[:1])
    rows = [line.split("\t") for line in conll.splitlines() if line and not line.startswith("#")]
    assert ["12", "B-COUNT"] in rows and ["سيرغي", "B-PERSON"] in rows and ["نيكيتين", "I-PERSON"] in rows
    assert ["و", "O"] in rows and ["مروحيتين", "B-WEAPON"] in rows


def test_broken_brat_line_names_file_and_line(tmp_path, mini_docs):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "x.txt").write_text("نص", encoding="utf-8")
    (folder / "x.ann").write_text("T1\tPLACE 0;1 2\tنص\n", encoding="utf-8")
    assert main(["convert", str(folder), str(tmp_path / "o.jsonl"), "--from", "brat"]) == 1


def test_render_writes_a_self_contained_rtl_page(tmp_path, mini_files, capsys):
    page = tmp_path / "page.html"
    assert main(["render", str(mini_files / "train.jsonl"), "--output", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "dir='rtl'" in html and html.count('class="ent"') == 39 and "<script" not in html and "http" not in html


def test_rendered_page_shows_spans_and_claims_in_chromium(tmp_path, mini_files):
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        pytest.skip("Chromium is not installed (apt-get install chromium) - the rendered-page check needs it")
    page = tmp_path / "page.html"
    main(["render", str(mini_files / "train.jsonl"), "--output", str(page)])
    script = ("JSON.stringify({dir: getComputedStyle(document.documentElement).direction,"
              " marks: document.querySelectorAll('mark.ent').length, claims: document.querySelectorAll('tr.claim').length,"
              " width: document.querySelector('mark.ent').getBoundingClientRect().width})")
    wrapper = tmp_path / "probe.html"
    wrapper.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", f"<pre id='probe'></pre><script>document.getElementById('probe').textContent = {script};</script></body>"),
        encoding="utf-8")
    result = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                             "--dump-dom", wrapper.as_uri()], capture_output=True, text=True, timeout=120)
    probe = json.loads(result.stdout.split("<pre id=\"probe\">")[1].split("</pre>")[0].replace("&quot;", '"'))
    assert probe["dir"] == "rtl" and probe["marks"] == 39 and probe["claims"] == 14 and probe["width"] > 0
