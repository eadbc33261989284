import shutil
import subprocess
import sys

import numpy as np
import pytest

from zaam.inference import InputError, ModelFolderError, Prediction, load, predict
from zaam.inference.extractor import Window, merge_windows
from zaam.training.evaluation import evaluate


def as_tuples(prediction):
    return ([(e.label, e.start, e.end) for e in prediction.entities],
            [c.to_dict() for c in prediction.claims])


def test_overfitting_then_save_load_gives_identical_predictions(tiny_model, mini_docs, mini_files, tmp_path):
    report = evaluate(tiny_model, [mini_files / "train.jsonl"])
    assert report["entities"]["micro"]["f1"] == 1.0
    first = load(tiny_model)
    again = tmp_path / "copy"
    first.model.save_pretrained(again)
    first.tokenizer.save_pretrained(again)
    first.settings.save(again)
    second = load(again)
    texts = [d.text for d in mini_docs]
    assert [as_tuples(p) for p in first.predict(texts)] == [as_tuples(p) for p in second.predict(texts)]


def test_spec_example_gives_two_claims_with_exact_offsets(tiny_model, mini_docs):
    text = mini_docs[0].text
    doc = load(tiny_model).predict(text)
    assert isinstance(doc, Prediction)
    items = [(c.item.text, c.count.value, c.count.implied, [p.text for p in c.places], c.claimant.text) for c in doc.claims]
    assert items == [("دبابة", 12, False, ["إزيوم"], "سيرغي نيكيتين"), ("مروحيتين", 2, True, ["إزيوم"], "سيرغي نيكيتين")]
    for claim in doc.claims:
        for span in (claim.item, claim.claimant, *claim.places):
            assert text[span.start:span.end] == span.text


def test_many_texts_keep_order_and_convenience_predict_caches(tiny_model, mini_docs):
    texts = [d.text for d in reversed(mini_docs)]
    docs = predict(texts, model=tiny_model, batch_size=3)
    assert [d.text for d in docs] == texts
    assert predict(texts[0], model=tiny_model).text == texts[0]


@pytest.mark.parametrize("bad", [None, b"bytes", 12, ["ok", 3], [None]])
def test_non_text_input_raises_one_clear_error(tiny_model, bad):
    with pytest.raises(InputError, match="predict\\(\\) takes str"):
        load(tiny_model).predict(bad)


@pytest.mark.parametrize("text", ["", "   \n\t", "Latin only text", "😀 \u200f\u202b ـــــ \x00", "ـ" * 500])
def test_odd_but_valid_text_predicts_with_spans_inside(tiny_model, text):
    doc = load(tiny_model).predict(text)
    for e in doc.entities:
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text


def test_long_document_matches_its_paragraphs_predicted_one_by_one(tiny_model, mini_docs):
    extractor = load(tiny_model)  # max_length 64, so each paragraph needs windows
    paragraphs = [d.text for d in mini_docs] * 25  # 200 paragraphs
    long_text = "\n\n".join(paragraphs)
    whole = extractor.predict(long_text)
    offset, expected = 0, []
    for paragraph, alone in zip(paragraphs, extractor.predict(paragraphs)):
        expected += [(e.label, e.start + offset, e.end + offset) for e in alone.entities]
        offset += len(paragraph) + 2
    assert [(e.label, e.start, e.end) for e in whole.entities] == expected


def test_merge_takes_each_word_from_the_window_where_it_is_most_central():
    left = Window(0, (0,) * 5, (None, 0, 1, 2, None))
    right = Window(0, (0,) * 5, (None, 1, 2, 3, None))
    lp, rp = np.zeros((5, 2)), np.ones((5, 2))
    merged = merge_windows(4, [left, right], [lp, rp])
    assert merged[:, 0].tolist() == [0, 0, 1, 1]


def test_transformers_pipeline_loads_the_folder_as_is(tiny_model, mini_docs):
    from transformers import pipeline

    tagger = pipeline("token-classification", model=str(tiny_model), aggregation_strategy="simple")
    assert isinstance(tagger(mini_docs[0].text), list)


def test_missing_or_wrong_folders_are_refused_clearly(tiny_model, tmp_path):
    with pytest.raises(ModelFolderError, match="no such model folder"):
        load(tmp_path / "absent")
    pickled = tmp_path / "pickled"
    shutil.copytree(tiny_model, pickled)
    (pickled / "model.safetensors").rename(pickled / "pytorch_model.bin")
    with pytest.raises(ModelFolderError, match="pickle weights are refused"):
        load(pickled)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelFolderError, match="not a model folder"):
        load(tmp_path / "empty")


def test_inference_never_imports_training():
    code = ("import sys, zaam.inference, zaam.inference.extractor; "
            "assert not [m for m in sys.modules if m.startswith('zaam.training')]")
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize("precision", ["bf16", "int8"])
def test_reduced_precisions_predict_the_same_spans_on_the_fitted_corpus(tiny_model, mini_docs, precision):
    texts = [d.text for d in mini_docs]
    reference = [as_tuples(p)[0] for p in load(tiny_model).predict(texts)]
    assert [as_tuples(p)[0] for p in load(tiny_model, precision=precision).predict(texts)] == reference


def test_unknown_precision_is_refused(tiny_model):
    with pytest.raises(ModelFolderError, match="precision 'fp8' is not one of"):
        load(tiny_model, precision="fp8")
