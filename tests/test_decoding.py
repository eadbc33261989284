import numpy as np

from zaam.inference.alignment import BIO_LABELS
from zaam.inference.decoding import count_transitions, viterbi

TABLE = count_transitions([["B-PERSON", "I-PERSON", "O", "B-COUNT", "B-WEAPON", "O"]] * 20 + [["O", "B-PERSON", "O"]] * 5,
                          BIO_LABELS)
L = {label: i for i, label in enumerate(BIO_LABELS)}


def probs(rows):
    out = np.full((len(rows), len(BIO_LABELS)), 0.01)
    for i, row in enumerate(rows):
        for label, p in row.items():
            out[i, L[label]] = p
    return out / out.sum(axis=1, keepdims=True)


def test_a_surname_continues_the_name_instead_of_starting_another():
    word_probs = probs([{"B-PERSON": 0.9}, {"B-PERSON": 0.5, "I-PERSON": 0.3, "O": 0.1}])
    assert [BIO_LABELS[i] for i in viterbi(word_probs, TABLE)] == ["B-PERSON", "I-PERSON"]
    assert [BIO_LABELS[i] for i in word_probs.argmax(axis=1)] == ["B-PERSON", "B-PERSON"]


def test_iob2_forbidden_moves_are_never_chosen():
    word_probs = probs([{"O": 0.6, "I-PLACE": 0.3}, {"I-PLACE": 0.8}])
    tags = [BIO_LABELS[i] for i in viterbi(word_probs, TABLE)]
    assert tags[0] != "I-PLACE" and not (tags[0] == "O" and tags[1].startswith("I-"))


def test_confident_different_labels_are_kept():
    word_probs = probs([{"B-COUNT": 0.95}, {"B-WEAPON": 0.95}])
    assert [BIO_LABELS[i] for i in viterbi(word_probs, TABLE)] == ["B-COUNT", "B-WEAPON"]
