"""The shipped corpus: valid, split by document, entity-novel where promised, not templated."""

from pathlib import Path

import pytest

from zaam.inference.corpus import read_documents, validate_file
from zaam.training.authoring import parse_sources
from zaam.training.splits import name_strings
from zaam.training.stats import near_duplicates

ANNOTATIONS = Path(__file__).parent.parent / "annotations"
FILES = sorted(ANNOTATIONS.glob("*.jsonl"))


@pytest.fixture(scope="module")
def splits():
    if not FILES:
        pytest.skip("annotations/*.jsonl not built")
    return {path.stem: read_documents(path) for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_annotation_file_passes_validate(path):
    assert validate_file(path) == []


def test_jsonl_files_are_exactly_what_the_sources_convert_to(splits):
    docs, problems = parse_sources(sorted((ANNOTATIONS / "source").glob("*.txt")))
    assert not problems
    built = {d.id: d for part in splits.values() for d in part}
    assert {d.id for d in docs} == set(built)
    assert all(built[d.id] == d for d in docs)


def test_splits_are_disjoint_by_document(splits):
    ids = [d.id for part in splits.values() for d in part]
    assert len(ids) == len(set(ids))


def test_entity_novel_test_set_shares_no_person_or_place_with_train(splits):
    train_names = set().union(*(name_strings(d) for d in splits["train"]))
    novel = splits.get("test-novel", [])
    assert novel and all(name_strings(d) and not (name_strings(d) & train_names) for d in novel)


def test_fewer_than_one_percent_of_document_pairs_are_template_near_duplicates(splits):
    docs = [d for part in splits.values() for d in part]
    report = near_duplicates(docs)
    assert report["share"] < 0.01, report["examples"]
