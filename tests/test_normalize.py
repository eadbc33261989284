from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from zaam.inference.corpus import read_documents
from zaam.inference.normalize import arabert_v02, identity

ANNOTATIONS = Path(__file__).parent.parent / "annotations"
ARABIC_HEAVY = st.text(alphabet=st.sampled_from(list(
    "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةىٱ٠١٢٣٤٥٦٧٨٩۰۱0123456789ـًٌٍَُِّْٰ .,،؛:!؟()«»-/[]…٪٬٫\n\t\u200f\xa0abcXYZ😀")), max_size=80)


def test_arabert_v02_strips_marks_maps_digits_and_spaces_punctuation():
    assert arabert_v02("دمّرت  ١٢ دبابـــة،وقتل").text == "دمرت 12 دبابة ، وقتل"
    assert arabert_v02("و5 دبابات").text == "و 5 دبابات"


@given(ARABIC_HEAVY)
@settings(max_examples=300, deadline=None)
def test_every_normalised_character_maps_back_to_its_source(text):
    normalized = arabert_v02(text)
    assert len(normalized.source) == len(normalized.text)
    for char, index in zip(normalized.text, normalized.source):
        assert 0 <= index < len(text)
        if char not in " -" and not char.isdigit():
            assert text[index] == char
    assert list(normalized.source) == sorted(normalized.source)


def test_identity_is_identity():
    assert identity("أ ب").text == "أ ب" and identity("أ ب").to_source(0, 3) == (0, 3)


@pytest.fixture(scope="module")
def arabert_preprocessor():
    try:
        from arabert.preprocess import ArabertPreprocessor
    except ImportError:
        pytest.skip("the optional extra zaam[arabert] is not installed; pip install -e '.[arabert]' to run this check")
    return ArabertPreprocessor(model_name="aubmindlab/bert-base-arabertv02")


def test_matches_arabert_preprocessor_on_every_corpus_document(arabert_preprocessor):
    docs = [d for path in sorted(ANNOTATIONS.glob("*.jsonl")) for d in read_documents(path)]
    if not docs:
        pytest.skip("annotations/*.jsonl not built yet")
    mismatched = [d.id for d in docs if arabert_v02(d.text).text != arabert_preprocessor.preprocess(d.text)]
    assert not mismatched, mismatched[:10]


@given(ARABIC_HEAVY)
@settings(max_examples=500, deadline=None)
def test_matches_arabert_preprocessor_on_random_text(arabert_preprocessor, text):
    assert arabert_v02(text).text == arabert_preprocessor.preprocess(text)
