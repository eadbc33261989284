"""Bad input fails loudly and precisely; odd but valid input never fails."""

import json
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from zaam.inference import ModelFolderError, load

ARABIC_HEAVY = st.text(alphabet=st.one_of(
    st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى٠١٢٣٤٥٦٧٨٩ـًٌٍَُِّْ .،؛:!؟\n\u200f\u202b")),
    st.characters()), max_size=120)


@pytest.fixture(scope="module")
def extractor(tiny_model):
    return load(tiny_model)


@given(ARABIC_HEAVY)
@settings(max_examples=150, deadline=None)
def test_random_unicode_predicts_and_every_span_indexes_the_text(extractor, text):
    doc = extractor.predict(text)
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
    for claim in doc.claims:
        for span in (claim.item, *claim.places, *([claim.claimant] if claim.claimant else [])):
            assert text[span.start:span.end] == span.text


def test_a_one_megabyte_single_line_predicts(extractor, mini_docs):
    sentence = mini_docs[0].text.replace("\n", " ") + " "
    text = (sentence * (1_000_000 // len(sentence) + 1))[:1_000_000]
    doc = extractor.predict(text)
    assert doc.entities and all(text[e.start:e.end] == e.text for e in doc.entities)


def test_folder_of_another_task_is_refused(tiny_model, tmp_path):
    other = tmp_path / "sentiment"
    shutil.copytree(tiny_model, other)
    config = json.loads((other / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {str(i): f"LABEL_{i}" for i in range(len(config["id2label"]))}
    config["label2id"] = {v: int(k) for k, v in config["id2label"].items()}
    (other / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelFolderError, match="not zaam's IOB2 labels"):
        load(other)


def test_truncated_weights_are_refused_in_one_line(tiny_model, tmp_path):
    broken = tmp_path / "truncated"
    shutil.copytree(tiny_model, broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])
    with pytest.raises(ModelFolderError, match="cannot load the model") as info:
        load(broken)
    assert "\n" not in str(info.value)
