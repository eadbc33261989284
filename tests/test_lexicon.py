from zaam.inference.claims import PredictedEntity as E
from zaam.inference.lexicon import NameLexicon, repair_spans

LEXICON = NameLexicon.from_mentions([("PLACE", "بغداد"), ("PLACE", "دونيتسك"), ("PERSON", "فيكتور موراخوفسكي")])


def ent(text, word, label):
    start = text.index(word)
    return E(1, label, start, start + len(word), word, 0.9)


def test_known_name_takes_back_its_first_letter():
    text = "وصل الوفد إلى بغداد أمس"
    fixed = repair_spans(text, [ent(text, "غداد", "PLACE")], LEXICON)[0]
    assert text[fixed.start:fixed.end] == fixed.text == "بغداد"
    text = "قال فيكتور موراخوفسكي"
    assert repair_spans(text, [ent(text, "يكتور موراخوفسكي", "PERSON")], LEXICON)[0].text == "فيكتور موراخوفسكي"


def test_proclitic_is_dropped_when_only_the_rest_is_known():
    text = "انفجرت مسيرة بدونيتسك"
    assert repair_spans(text, [ent(text, "بدونيتسك", "PLACE")], LEXICON)[0].text == "دونيتسك"


def test_unknown_names_and_other_labels_are_left_to_the_model():
    text = "قصف في بلدة بروفاري و بدبابة"
    entities = [ent(text, "روفاري", "PLACE"), ent(text, "دبابة", "WEAPON")]
    assert repair_spans(text, entities, LEXICON) == entities
    assert repair_spans(text, entities, None) == entities


def test_lexicon_round_trips_through_a_folder(tmp_path):
    LEXICON.save(tmp_path)
    assert NameLexicon.load(tmp_path) == LEXICON and NameLexicon.load(tmp_path / "none") is None
