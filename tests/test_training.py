"""Training behaviours: misaligned spans reported, resumable after SIGKILL, reproducible."""

import json
import subprocess
from pathlib import Path
import sys

import pytest

from conftest import tiny_config
from zaam.inference.schema import Document, Entity
from zaam.training.data import AlignmentError, align_documents
from zaam.training.trainer import train

KILLER = """
import os, signal, sys
sys.path.insert(0, {tests!r})
from transformers import TrainerCallback
from conftest import tiny_config
from zaam.training.trainer import train

class KillMidEpoch(TrainerCallback):
    def on_step_end(self, args, state, control, **kwargs):
        if state.global_step == 7:  # 4 steps an epoch: in the middle of the second epoch
            os.kill(os.getpid(), signal.SIGKILL)

config = tiny_config({train!r}, {train!r}, {out!r}, epochs=4.0, batch_size=2)
train(config, callbacks=[KillMidEpoch()])
"""


def metrics(folder):
    return json.loads((folder / "dev_metrics.json").read_text(encoding="utf-8"))


def test_misaligned_gold_spans_are_counted_and_strict_mode_refuses_them():
    doc = Document("d", "دمرتدبابة قرب كييف", (Entity(1, "WEAPON", 4, 9),))
    _, report = align_documents([doc], "none")
    assert report.misaligned == [("d", "WEAPON", "دبابة")] and "1 of 1 gold spans" in report.summary()
    with pytest.raises(AlignmentError, match="could not be aligned"):
        align_documents([doc], "none", strict=True)


def test_same_seed_gives_identical_metrics(mini_files, tmp_path):
    train_file = mini_files / "train.jsonl"
    first = train(tiny_config(train_file, train_file, tmp_path / "a", epochs=4.0, batch_size=2))
    second = train(tiny_config(train_file, train_file, tmp_path / "b", epochs=4.0, batch_size=2))
    assert metrics(first)["eval_loss"] == metrics(second)["eval_loss"]


def test_sigkilled_run_resumes_to_the_uninterrupted_result(mini_files, tmp_path):
    from conftest import DATA

    train_file = mini_files / "train.jsonl"
    out = tmp_path / "killed"
    code = KILLER.format(tests=str(DATA.parent), train=str(train_file), out=str(out))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == -9, result.stderr[-1000:]
    assert not out.exists() and (tmp_path / "killed.checkpoints").is_dir()
    resumed = train(tiny_config(train_file, train_file, out, epochs=4.0, batch_size=2), resume=True)
    reference = train(tiny_config(train_file, train_file, tmp_path / "reference", epochs=4.0, batch_size=2))
    assert metrics(resumed)["eval_loss"] == pytest.approx(metrics(reference)["eval_loss"], rel=1e-4)
    assert metrics(resumed)["eval_f1"] == pytest.approx(metrics(reference)["eval_f1"], abs=1e-6)


def test_fine_tunes_from_a_local_model_folder_with_its_own_tokenizer(tiny_model, mini_files, tmp_path):
    from dataclasses import replace

    from zaam.inference import load

    train_file = mini_files / "train.jsonl"
    config = tiny_config(train_file, train_file, tmp_path / "tuned", epochs=2.0)
    config = replace(config, model=replace(config.model, name_or_path=str(tiny_model)))
    folder = train(config)
    assert (folder / "tokenizer.json").read_text(encoding="utf-8") == (tiny_model / "tokenizer.json").read_text(encoding="utf-8")
    assert load(folder).predict("دمرت 12 دبابة").text == "دمرت 12 دبابة"


def test_two_process_accelerate_launch_trains_like_one_process(mini_files, tmp_path, tiny_model):
    """`accelerate launch` with 2 CPU processes (gloo DDP): one process writes the folder, and
    the tiny model fits the mini corpus as the single-process fixture does."""
    import shutil

    import yaml

    from conftest import TINY
    from zaam.training.evaluation import evaluate

    accelerate = shutil.which("accelerate", path=str(Path(sys.executable).parent))
    config = {**TINY, "output_dir": str(tmp_path / "ddp"),
              "data": {"train": [str(mini_files / "train.jsonl")], "dev": [str(mini_files / "train.jsonl")]}}
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    command = [accelerate, "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no",
               "--dynamo_backend", "no", "-m", "zaam.training.cli", "train", str(tmp_path / "tiny.yaml")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    two = evaluate(tmp_path / "ddp", [mini_files / "train.jsonl"])["entities"]["micro"]["f1"]
    one = evaluate(tiny_model, [mini_files / "train.jsonl"])["entities"]["micro"]["f1"]
    assert one == 1.0 and two >= 0.9


def test_model_card_has_hub_metadata_statistics_and_scores(tiny_model):
    import yaml

    card = (tiny_model / "README.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(card.split("---")[1])
    assert meta["language"] == ["ar"] and meta["license"] == "apache-2.0" and meta["pipeline_tag"] == "token-classification"
    assert meta["labels"] == ["PERSON", "PLACE", "WEAPON", "COUNT", "UNIT"]
    assert meta["training_data"]["documents"] == 8 and meta["training_data"]["mentions"]["PERSON"] == 7
    assert "f1" in meta["dev_metrics"] and "| f1 |" in card and "upload_folder" in card
