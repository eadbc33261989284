import pytest

from zaam.inference.pretokenize import pretokenize


def words(text):
    return [text[s:e] for s, e in pretokenize(text)]


@pytest.mark.parametrize("text, expected", [
    ("وبوتين", ["و", "ب", "وتين"]),
    ("بدونيتسك", ["ب", "دونيتسك"]),
    ("لـخاركيف", ["لـ", "خاركيف"]),
    ("و5 دبابات", ["و", "5", "دبابات"]),
    ("300-400", ["300", "-", "400"]),
    ("Su-25،", ["Su", "-", "25", "،"]),
    ("ول", ["ول"]),
    ("وF-35I", ["و", "F", "-", "35I"]),
    ("وHIMARS", ["و", "HIMARS"]),
])
def test_proclitics_and_punctuation_get_their_own_words(text, expected):
    assert words(text) == expected


def test_offsets_always_index_the_original_text():
    text = "  قال\tالمتحدث:\n«دمرت ١٢ دبابةً»  "
    for start, end in pretokenize(text):
        assert text[start:end].strip() == text[start:end] != ""
