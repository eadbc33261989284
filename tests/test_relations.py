import shutil

import pytest

from zaam.inference import ModelFolderError, load
from zaam.inference.claims import PredictedEntity as E, PredictedRelation as R
from zaam.inference.linking import carry_speakers
from zaam.inference.relations import candidate_pairs, distance_bucket, select_relations, window_pairs
from zaam.training.evaluation import evaluate


def test_candidates_are_exactly_the_pairs_the_contract_allows():
    pairs = candidate_pairs(["PERSON", "COUNT", "WEAPON", "PLACE", "UNIT"])
    assert sorted((i, j, t) for i, j, t in pairs) == [
        (1, 2, "COUNT_OF"), (1, 4, "COUNT_OF"), (2, 0, "CLAIMED_BY"), (2, 3, "LOCATED_AT"),
        (4, 0, "CLAIMED_BY"), (4, 3, "LOCATED_AT")]


def test_only_entities_wholly_inside_a_window_are_paired():
    wp = window_pairs([None, 0, 1, 1, 2, None], [(0, 0, "COUNT"), (1, 1, "WEAPON"), (2, 3, "PLACE")])
    assert wp.entity_ids == (0, 1) and wp.spans == ((1, 1, 3), (2, 3, 2)) and wp.pairs == ((0, 1),)


def test_pairs_carry_sentence_gap_and_the_rule_linkers_verdict():
    entity_words = [(0, 0, "COUNT"), (1, 1, "WEAPON"), (3, 3, "PLACE")]
    wp = window_pairs([None, 0, 1, 2, 3, None], entity_words, word_sentences=[0, 0, 0, 1], rule_pairs=frozenset({(0, 1)}))
    assert dict(zip(wp.pairs, zip(wp.gaps, wp.rules))) == {(0, 1): (0, 1), (1, 2): (1, 0)}


def test_distance_buckets_are_signed_and_bounded():
    assert distance_bucket(-500) == 0 and distance_bucket(500) == 29
    assert distance_bucket(-1) < distance_bucket(0) < distance_bucket(1)


ENTS = [E(1, "COUNT", 0, 2, "12", 0.9), E(2, "COUNT", 3, 4, "5", 0.9), E(3, "WEAPON", 5, 10, "دبابة", 0.9),
        E(4, "PLACE", 11, 16, "إزيوم", 0.9), E(5, "PLACE", 17, 20, "كيف", 0.9)]


def test_an_item_keeps_one_best_count_but_every_place_over_threshold():
    scores = {(1, 3): 0.7, (2, 3): 0.9, (3, 4): 0.8, (3, 5): 0.6}
    kept = {(r.from_id, r.to_id) for r in select_relations(ENTS, scores, 0.5)}
    assert kept == {(2, 3), (3, 4), (3, 5)}
    assert not select_relations(ENTS, {(1, 3): 0.2})


def test_speaker_carries_to_claimed_items_of_windows_without_a_person():
    ents = [E(1, "PERSON", 0, 3, "سعد", 1), E(2, "WEAPON", 4, 8, "دبابة", 1), E(3, "WEAPON", 20, 25, "مسيرة", 1),
            E(4, "PLACE", 26, 30, "حلب", 1)]
    rels = (R(1, 2, 1, "CLAIMED_BY", 0.9), R(2, 3, 4, "LOCATED_AT", 0.9))
    carried = carry_speakers(ents, rels, items_seen_with_person={1, 2})
    assert (3, 1, "CLAIMED_BY") in {(r.from_id, r.to_id, r.type) for r in carried}
    assert carry_speakers(ents, rels, items_seen_with_person={1, 2, 3}) == rels


def test_learned_head_fits_the_mini_corpus_and_loads_beside_a_plain_tagger(tiny_learned_model, mini_files):
    from transformers import AutoModelForTokenClassification

    report = evaluate(tiny_learned_model, [mini_files / "train.jsonl"])
    assert report["relations"]["micro"]["f1"] == 1.0 and report["claims"]["micro"]["f1"] == 1.0
    assert load(tiny_learned_model).head is not None
    AutoModelForTokenClassification.from_pretrained(tiny_learned_model)


def test_truncated_or_missing_head_weights_are_refused(tiny_learned_model, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(tiny_learned_model, broken)
    weights = broken / "relation_head.safetensors"
    weights.write_bytes(weights.read_bytes()[:100])
    with pytest.raises(ModelFolderError, match="cannot load the relation head"):
        load(broken)
    weights.unlink()
    with pytest.raises(ModelFolderError, match="linker 'learned' but no relation_head.safetensors"):
        load(broken)
