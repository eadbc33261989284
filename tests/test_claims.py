from zaam.inference.claims import PredictedEntity as E, PredictedRelation as R, build_claims

TEXT = "قال نيكيتين إن القوات دمرت 12 دبابة ومروحيتين قرب إزيوم"


def ent(i, label, word, score=0.9):
    start = TEXT.index(word)
    return E(i, label, start, start + len(word), word, score)


ENTS = [ent(1, "PERSON", "نيكيتين"), ent(2, "COUNT", "12"), ent(3, "WEAPON", "دبابة"),
        ent(4, "WEAPON", "مروحيتين"), ent(5, "PLACE", "إزيوم")]
RELS = [R(1, 2, 3, "COUNT_OF", 0.8), R(2, 3, 5, "LOCATED_AT", 0.9), R(3, 4, 5, "LOCATED_AT", 0.9),
        R(4, 3, 1, "CLAIMED_BY", 0.7), R(5, 4, 1, "CLAIMED_BY", 0.7)]


def test_two_claims_with_explicit_and_implied_counts():
    claims = build_claims(ENTS, RELS)
    assert [c.item.text for c in claims] == ["دبابة", "مروحيتين"]
    tank, helis = claims
    assert (tank.count.value, tank.count.qualifier, tank.count.implied) == (12, "exact", False)
    assert (helis.count.value, helis.count.implied, helis.count.span) == (2, True, None)
    assert all(c.places[0].text == "إزيوم" and c.claimant.text == "نيكيتين" for c in claims)
    for claim in claims:
        for span in (claim.item, claim.claimant, *claim.places):
            assert TEXT[span.start:span.end] == span.text
        assert 0 < claim.score <= 1


def test_item_without_count_or_relation_is_no_claim_and_items_never_duplicate():
    claims = build_claims(ENTS, RELS[:1] + [R(9, 2, 3, "COUNT_OF", 0.1)])
    assert [c.item.text for c in claims] == ["دبابة"]
    assert claims[0].count.value == 12


def test_claim_dict_has_the_spec_fields():
    record = build_claims(ENTS, RELS)[0].to_dict()
    assert set(record) == {"item", "count", "places", "claimant", "score"}
    assert set(record["item"]) == {"start", "end", "text", "label"}
