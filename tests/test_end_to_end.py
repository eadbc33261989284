"""The README's main job in miniature: train the offline config briefly, predict, evaluate."""

import json
import subprocess
import sys

from conftest import REPO


def zaam(*args, cwd=REPO):
    result = subprocess.run([sys.executable, "-m", "zaam.training.cli", *map(str, args)], cwd=cwd,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    return result


def test_offline_config_trains_predicts_and_evaluates(tmp_path):
    model = tmp_path / "offline"
    zaam("train", "configs/offline-small.yaml", "--output-dir", model, "--set", "training.max_steps=6",
         "--set", "training.max_train_docs=48", "--set", "tokenizer.vocab_size=1500")
    for name in ("config.json", "model.safetensors", "tokenizer.json", "zaam.json", "README.md", "training_config.yaml"):
        assert (model / name).is_file(), name
    assert not (tmp_path / "offline.checkpoints").exists() and not (model / "training_args.bin").exists()
    assert not (tmp_path / "offline.partial").exists()
    predictions = tmp_path / "predictions.jsonl"
    zaam("predict", model, "examples/sample.txt", "--output", predictions, "-q")
    records = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3 and all(set(r) >= {"id", "text", "entities", "relations", "claims"} for r in records)
    scores = tmp_path / "scores.json"
    zaam("evaluate", model, "annotations/test.jsonl", "--json", scores, "-q")
    report = json.loads(scores.read_text(encoding="utf-8"))
    assert report["documents"] > 0 and 0.0 <= report["entities"]["micro"]["f1"] <= 1.0
