from hypothesis import given, settings, strategies as st

from zaam.inference.normalize import arabert_v02, identity

ARABIC_HEAVY = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةى٠١٢٣٤٥٦٧٨٩0123456789ـًٌٍَُِّْ .,،؛:!؟()«»-\n\t\u200fabcXYZ")), max_size=80)


def test_arabert_v02_strips_marks_maps_digits_and_spaces_punctuation():
    normalized = arabert_v02("دمّرت  ١٢ دبابـــة،وقتل")
    assert normalized.text == "دمرت 12 دبابة ، وقتل"


@given(ARABIC_HEAVY)
@settings(max_examples=300, deadline=None)
def test_every_normalised_character_maps_back_to_its_source(text):
    normalized = arabert_v02(text)
    assert len(normalized.source) == len(normalized.text)
    for char, index in zip(normalized.text, normalized.source):
        assert 0 <= index < len(text)
        if char != " " and not char.isdigit():
            assert text[index] == char
    assert list(normalized.source) == sorted(normalized.source)


def test_identity_is_identity():
    assert identity("أ ب").text == "أ ب" and identity("أ ب").to_source(0, 3) == (0, 3)
