import io
import json
import subprocess
import sys

import pytest

from zaam.training.cli import main


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["train", "evaluate", "predict", "validate", "stats"])
def test_every_command_has_help_with_an_example(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0 and "example: zaam " + command in capsys.readouterr().out


def test_validate_exit_codes_and_problem_lines(capsys, mini_files, tmp_path):
    assert run(capsys, "validate", mini_files / "train.jsonl")[0] == 0
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "نص", "entities": [{"id": 1, "label": "TANK", "start_offset": 0, "end_offset": 2}]}\n', encoding="utf-8")
    code, out, _ = run(capsys, "validate", bad)
    assert code == 1 and out.startswith(f"{bad}:1: x: entities[0].label: unknown label 'TANK'")


def test_bad_config_is_one_line_without_traceback(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("trainig: {}\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "zaam.training.cli", "train", str(config)], capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "unknown config key 'trainig'" in result.stderr


def test_predict_reads_jsonl_plain_text_and_stdin(capsys, monkeypatch, tiny_model, mini_docs, tmp_path):
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("".join(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n" for d in mini_docs[:2]), encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    assert run(capsys, "predict", tiny_model, jsonl, "--output", out_file, "-q")[0] == 0
    records = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [d.id for d in mini_docs[:2]]
    assert {"entities", "relations", "claims"} <= set(records[0]) and "score" in records[0]["entities"][0]
    plain = tmp_path / "in.txt"
    plain.write_text(f"{mini_docs[0].text}\n\n{mini_docs[1].text}\n", encoding="utf-8")
    code, out, _ = run(capsys, "predict", tiny_model, plain)
    assert code == 0 and len(out.splitlines()) == 2
    monkeypatch.setattr(sys, "stdin", io.StringIO(mini_docs[2].text))
    code, out, _ = run(capsys, "predict", tiny_model, "-")
    assert code == 0 and json.loads(out)["text"] == mini_docs[2].text


def test_predict_on_missing_model_is_one_clear_line(capsys, tmp_path):
    code, _, err = run(capsys, "predict", tmp_path / "nomodel", "-")
    assert code == 1 and err.strip() == f"zaam predict: error: {tmp_path / 'nomodel'}: no such model folder"


def test_evaluate_writes_the_interface_json_and_an_html_report(capsys, tiny_model, mini_files, tmp_path):
    out = tmp_path / "scores.json"
    page = tmp_path / "scores.html"
    code, text, _ = run(capsys, "evaluate", tiny_model, mini_files / "dev.jsonl", "--json", out, "--html", page, "-q")
    html = page.read_text(encoding="utf-8")
    assert "Per label" in html and "confusion" in html and html.count("class='cell'") == 36
    scores = json.loads(out.read_text(encoding="utf-8"))
    assert code == 0 and "micro avg" in text
    assert set(scores["entities"]["micro"]) >= {"precision", "recall", "f1"} and "per_label" in scores["entities"]
    assert "micro" in scores["relations"] and "micro" in scores["claims"]
    assert scores["entities"]["confusion"]["PERSON"]["PERSON"] >= 1


def test_stats_counts_labels_and_hard_cases(capsys, mini_files):
    code, out, _ = run(capsys, "stats", mini_files / "train.jsonl", "--json")
    stats = json.loads(out)
    assert code == 0 and stats["documents"] == 8 and stats["labels"]["PERSON"] == 7
    assert stats["hard_cases"]["eastern_arabic_digits"] == 1 and stats["hard_cases"]["dual_items"] == 2
    assert stats["hard_cases"]["ranges"] == 2 and stats["documents_without_claims"] == 1
