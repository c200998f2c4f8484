"""The personal-data check over the labelled corpus: every planted item caught, no clean
sentence refused. `python -m bench.privacy_bench` prints the same figures per kind."""

from pathlib import Path

import pytest

from complaintsdesk.reporting.privacy import KINDS
from complaintsdesk.reporting.privacy.corpus import CLEAN, read_corpus, score

CORPUS = read_corpus(Path(__file__).with_name("privacy_corpus.tsv"))


def test_the_corpus_is_large_balanced_and_covers_every_kind():
    clean = [s for s in CORPUS if s.group == CLEAN]
    assert len(CORPUS) >= 150
    assert 0.4 <= len(clean) / len(CORPUS) <= 0.6
    assert {s.kind for s in CORPUS if s.group != CLEAN} == set(KINDS)
    assert len({s.text for s in CORPUS}) == len(CORPUS)  # no sentence twice


@pytest.fixture(scope="module")
def result():
    return score(CORPUS)


def test_every_planted_item_is_caught(result):
    missed = [(s.group, s.text, [(f.kind, f.text) for f in fs]) for s, fs in result.misses]
    assert missed == []


def test_no_clean_sentence_is_refused(result):
    refused = [(s.text, [(f.kind, f.text) for f in fs]) for s, fs in result.false_refusals]
    assert refused == []
