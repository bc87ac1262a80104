"""The quantity development set (tests/miner/data/quantities): real sentences re-read from
../shared and the devcorpus, measures annotated by hand. The dev split's counts are pinned, so a
change that loses a measure or reads one wrong fails here; the held-out split is not run in the
suite (it is measured and reported, never tuned on)."""

from __future__ import annotations

import pytest

from miner.pipeline import load
from miner.quantity_devset import load as load_devset
from miner.quantity_devset import score


@pytest.fixture(scope="module")
def sentences():
    found, missing = load_devset()
    assert missing == 0, f"{missing} annotated sentences missing or changed (../shared, corpus/dev)"
    return found


def test_quantity_devset_dev_split_counts(sentences):
    result = score(sentences, "dev", load())
    # first look: 293 matched of 434 gold, 315 found, 260 values right
    assert (result.gold, result.predicted, result.matched, result.value_right) == (
        436,
        435,
        435,
        435,
    )
    assert [(s.doc, g.text) for s, g in result.misses] == [
        ("10.1021/acsnano.0c05398", "153.7 (/108.8) to 61.28 (/74.86) ms"),
    ]
