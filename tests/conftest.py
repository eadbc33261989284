"""Shared fixtures: the hand-written mini corpus and a tiny model trained on it (seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zaam.inference.corpus import write_documents
from zaam.training.authoring import parse_source
from zaam.training.config import build, TrainConfig

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

TINY = {
    "model": {"architecture": {"hidden_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
                               "intermediate_size": 128, "max_position_embeddings": 256}},
    "tokenizer": {"vocab_size": 300, "min_frequency": 1},
    "preprocessing": {"max_length": 64, "stride": 16},
    "training": {"epochs": 100.0, "learning_rate": 0.003, "warmup_ratio": 0.0, "batch_size": 8, "seed": 7},
}


@pytest.fixture(scope="session")
def mini_docs():
    docs, problems = parse_source(DATA / "mini.txt")
    assert not problems, problems
    return docs


@pytest.fixture(scope="session")
def mini_files(tmp_path_factory, mini_docs):
    folder = tmp_path_factory.mktemp("mini")
    write_documents(folder / "train.jsonl", mini_docs)
    write_documents(folder / "dev.jsonl", mini_docs[:3])
    return folder


def tiny_config(train: Path, dev: Path, output_dir: Path, **training) -> TrainConfig:
    data = {**TINY, "output_dir": str(output_dir), "data": {"train": [str(train)], "dev": [str(dev)]}}
    data["training"] = {**TINY["training"], **training}
    return build(TrainConfig, data)


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, mini_files):
    """A tiny model trained until it fits the mini corpus (overfitting on purpose)."""
    from zaam.training.trainer import train

    out = tmp_path_factory.mktemp("model") / "tiny"
    return train(tiny_config(mini_files / "train.jsonl", mini_files / "train.jsonl", out))


@pytest.fixture(scope="session")
def tiny_learned_model(tmp_path_factory, mini_files):
    """The same tiny model with the learned relation head (linker: learned)."""
    from dataclasses import replace

    from zaam.training.trainer import train

    out = tmp_path_factory.mktemp("model") / "tiny-learned"
    config = tiny_config(mini_files / "train.jsonl", mini_files / "train.jsonl", out)
    return train(replace(config, linker="learned"))
