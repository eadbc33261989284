from zaam.inference.claims import PredictedEntity as E, PredictedRelation as R, Prediction, build_claims
from zaam.training.metrics import claim_key, prf, relation_keys, score

TEXT = "دمرت 12 دبابة قرب إزيوم"
GOLD_E = (E(1, "COUNT", 5, 7, "12", 1), E(2, "WEAPON", 8, 13, "دبابة", 1), E(3, "PLACE", 18, 23, "إزيوم", 1))
GOLD_R = (R(1, 1, 2, "COUNT_OF", 1), R(2, 2, 3, "LOCATED_AT", 1))


def doc(entities, relations):
    return Prediction(TEXT, tuple(entities), tuple(relations), build_claims(entities, relations))


def test_perfect_prediction_scores_one_everywhere():
    gold = doc(GOLD_E, GOLD_R)
    report = score([gold], [gold])
    assert report["entities"]["micro"]["f1"] == report["relations"]["micro"]["f1"] == report["claims"]["micro"]["f1"] == 1.0


def test_a_boundary_error_costs_the_entity_its_relation_and_the_claim():
    pred_e = (GOLD_E[0], E(2, "WEAPON", 8, 13, "دبابة", 1), E(3, "PLACE", 14, 23, "قرب إزيوم", 1))
    report = score([doc(GOLD_E, GOLD_R)], [doc(pred_e, GOLD_R)])
    assert round(report["entities"]["micro"]["f1"], 3) == 0.667
    assert report["relations"]["micro"]["f1"] == 0.5
    assert report["claims"]["micro"]["f1"] == 0.0


def test_keys_and_prf():
    gold = doc(GOLD_E, GOLD_R)
    assert ((5, 7, "COUNT"), "COUNT_OF", (8, 13, "WEAPON")) in relation_keys(gold)
    assert claim_key(gold.claims[0]) == ((8, 13, "WEAPON"), ("span", 5, 7), frozenset({(18, 23)}), None)
    assert prf(0, 0, 0)["f1"] == 0.0 and prf(1, 1, 0)["precision"] == 0.5
