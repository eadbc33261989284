import pytest

from zaam.training.config import ConfigError, load_config

REPO_CONFIGS = ["configs/offline-small.yaml", "configs/arabert-base.yaml"]


@pytest.mark.parametrize("path", REPO_CONFIGS)
def test_shipped_configs_validate(path):
    from conftest import REPO

    config = load_config(REPO / path)
    assert config.output_dir.startswith("runs/")


def write(tmp_path, text):
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_key_is_an_error_listing_the_valid_keys(tmp_path):
    with pytest.raises(ConfigError, match=r"unknown config key 'training.epoch'; valid keys here: epochs, batch_size"):
        load_config(write(tmp_path, "training:\n  epoch: 3\n"))


def test_wrong_type_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match=r"'training.batch_size': expected int, got 'big'"):
        load_config(write(tmp_path, "training:\n  batch_size: big\n"))


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path, "training:\n  epochs: [1\n")
    with pytest.raises(ConfigError, match=rf"{path}:\d+: invalid YAML"):
        load_config(path)


def test_missing_config_file(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "none.yaml")


def test_overrides_and_output_dir_win(tmp_path):
    config = load_config(write(tmp_path, "training:\n  epochs: 3\n"), overrides=["training.epochs=5", "data.train=[a.jsonl, b.jsonl]"],
                         output_dir="elsewhere")
    assert config.training.epochs == 5.0 and config.data.train == ("a.jsonl", "b.jsonl") and config.output_dir == "elsewhere"
    with pytest.raises(ConfigError, match="expected key=value"):
        load_config(write(tmp_path, "{}"), overrides=["training.epochs"])
