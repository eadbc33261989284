from zaam.inference.claims import PredictedEntity as E
from zaam.inference.linking import link, sentence_bounds


def entities(text, marks):
    out = []
    for i, (label, word) in enumerate(marks, start=1):
        start = text.index(word)
        out.append(E(i, label, start, start + len(word), word, 1.0))
    return out


def edges(text, marks):
    ents = entities(text, marks)
    by_id = {e.id: e.text for e in ents}
    return {(by_id[r.from_id], r.type, by_id[r.to_id]) for r in link(text, ents)}


def test_nearest_count_places_and_speaker_of_the_sentence():
    text = "قال نيكيتين إن القوات دمرت 12 دبابة قرب إزيوم."
    got = edges(text, [("PERSON", "نيكيتين"), ("COUNT", "12"), ("WEAPON", "دبابة"), ("PLACE", "إزيوم")])
    assert got == {("12", "COUNT_OF", "دبابة"), ("دبابة", "LOCATED_AT", "إزيوم"), ("دبابة", "CLAIMED_BY", "نيكيتين")}


def test_speaker_carries_into_a_later_sentence_without_a_name():
    text = "وقال كوناشينكوف إن الهجوم فشل. وأضاف أن 5 دبابات دمرت."
    got = edges(text, [("PERSON", "كوناشينكوف"), ("COUNT", "5"), ("WEAPON", "دبابات")])
    assert ("دبابات", "CLAIMED_BY", "كوناشينكوف") in got


def test_sentences_split_on_stops_and_newlines():
    assert sentence_bounds("أ. ب؟\nج") == [(0, 2), (2, 6), (6, 7)]


def test_words_get_the_index_of_their_sentence():
    from zaam.inference.linking import sentence_ids
    from zaam.inference.pretokenize import pretokenize

    text = "قال سعد. وأضاف\nأن الهجوم فشل"
    words = pretokenize(text)
    by_word = {text[s:e]: i for (s, e), i in zip(words, sentence_ids(text, words))}
    assert by_word["قال"] == by_word["."] == 0 and by_word["أضاف"] == 1 and by_word["الهجوم"] == 2
