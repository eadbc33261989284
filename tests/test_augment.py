import random

from zaam.training.augment import augment, mention_pools, swap_mentions


def test_swapped_copy_keeps_offsets_exact_and_relations(mini_docs):
    pools = mention_pools(mini_docs, ["PERSON", "PLACE"])
    for doc in mini_docs:
        copy = swap_mentions(doc, pools, random.Random(3), "#x")
        assert copy.relations == doc.relations and copy.id == doc.id + "#x"
        for old, new in zip(doc.entities, copy.entities):
            mention = copy.text[new.start:new.end]
            assert new.label == old.label and mention == mention.strip()
            if old.label in ("PERSON", "PLACE"):
                assert mention in pools[old.label]
            else:
                assert mention == doc.text[old.start:old.end]


def test_names_change_and_copies_are_reproducible(mini_docs):
    first = augment(mini_docs, 2, ["PERSON", "PLACE"], seed=5)
    assert len(first) == 3 * len(mini_docs) and first == augment(mini_docs, 2, ["PERSON", "PLACE"], seed=5)
    changed = sum(a.text != b.text for a, b in zip(mini_docs, first[len(mini_docs):]))
    assert changed >= len(mini_docs) - 1
