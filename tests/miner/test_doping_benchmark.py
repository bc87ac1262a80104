"""The benchmark's word-level scoring on a hand-written pair with known scores, and a full run on
the held-out part of ../shared/external/doping-train.json (completes and reports every figure)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from miner.doping_benchmark import entity_graph, load, main, predict, run, score, split

DOPING_TRAIN = Path(__file__).resolve().parents[2].parent / "shared/external/doping-train.json"


def _sentence(text, hosts, dopants, links, relevant=True):
    return {
        "sentence_text": text,
        "relevant": relevant,
        "basemats": hosts,
        "dopants": dopants,
        "dopants2basemats": links,
    }


GOLD = [
    {
        "doi": "10.0/hand-written",
        "doping_sentences": [
            _sentence(
                "ZnO films doped with Al and Ga .",
                {"b0": "ZnO films"},
                {"d0": "Al", "d1": "Ga"},
                {"d0": ["b0"], "d1": ["b0"]},
            ),
            _sentence("Nothing to see here .", {}, {}, {}, relevant=False),
            _sentence("Nb-doped TiO2 .", {"b0": "TiO2"}, {"d0": "Nb"}, {"d0": ["b0"]}),
        ],
    }
]
PREDICTED = [
    {
        "doping_sentences": [
            {
                "entity_graph_raw": {
                    "basemats": {"b0": "ZnO"},
                    "dopants": {"d0": "Al", "d1": "In"},
                    "dopants2basemats": {"d0": ["b0"], "d1": ["b0"]},
                }
            },
            # not relevant in the gold: never scored, whatever it holds
            {
                "entity_graph_raw": {
                    "basemats": {"b0": "X"},
                    "dopants": {"d0": "Y"},
                    "dopants2basemats": {"d0": ["b0"]},
                }
            },
            {"entity_graph_raw": {"basemats": {}, "dopants": {"d0": "Nb"}, "dopants2basemats": []}},
        ]
    }
]


def test_score_hand_written_pair_exact() -> None:
    result = score(GOLD, PREDICTED)
    assert result["sentences"] == 2
    # hosts: gold words ZnO, films, TiO2; predicted ZnO -> tp 1, fn 2, fp 0
    assert result["basemats"] == {
        "precision": 1.0,
        "recall": pytest.approx(1 / 3),
        "f1": 0.5,
        "tp": 1,
        "fp": 0,
        "fn": 2,
    }
    # dopants: Al and Nb found, Ga missed, In spurious
    assert result["dopants"] == {
        "precision": pytest.approx(2 / 3),
        "recall": pytest.approx(2 / 3),
        "f1": pytest.approx(2 / 3),
        "tp": 2,
        "fp": 1,
        "fn": 1,
    }
    # links: gold pairs "ZnO Al", "films Al", "ZnO Ga", "films Ga", "TiO2 Nb"; predicted
    # "ZnO Al", "ZnO In" -> 1 correct of 2 predicted and 5 gold
    assert result["links"] == {
        "precision": 0.5,
        "recall": 0.2,
        "f1": pytest.approx(2 * 0.5 * 0.2 / 0.7),
        "n_correct": 1,
        "test_retrieved": 2,
        "gold_retrieved": 5,
    }


def test_score_perfect_prediction_is_one() -> None:
    perfect = [
        {"doping_sentences": [{"entity_graph_raw": s} for s in a["doping_sentences"]]} for a in GOLD
    ]
    result = score(GOLD, perfect)
    assert [result[k]["f1"] for k in ("basemats", "dopants", "links")] == [1.0, 1.0, 1.0]


def test_entity_graph_shares_hosts_between_dopants() -> None:
    assert entity_graph("ZnO films doped with Al, Ga and In were grown.") == {
        "basemats": {"b0": "ZnO"},
        "dopants": {"d0": "Al", "d1": "Ga", "d2": "In"},
        "dopants2basemats": {"d0": ["b0"], "d1": ["b0"], "d2": ["b0"]},
    }


def test_split_is_deterministic_and_about_seventy_thirty(doping_train: Path) -> None:
    abstracts = load(doping_train)
    development, held_out = split(abstracts)
    assert (len(abstracts), len(development), len(held_out)) == (162, 112, 50)
    assert split(list(reversed(abstracts)))[1] == list(reversed(held_out))
    assert not {a["doi"] for a in development} & {a["doi"] for a in held_out}


def test_predict_keeps_the_benchmark_shape(doping_train: Path) -> None:
    _, held_out = split(load(doping_train))
    predicted = predict(held_out)
    assert [len(p["doping_sentences"]) for p in predicted] == [
        len(a["doping_sentences"]) for a in held_out
    ]


def test_run_reports_every_figure_on_both_parts(doping_train: Path) -> None:
    results = run(doping_train)
    assert list(results) == [
        "development rules",
        "held_out rules",
        "development model (cv)",
        "development combined (cv)",
        "held_out model",
        "held_out combined",
    ]
    for label, figures in results.items():
        part = label.split()[0]
        assert (figures["abstracts"], figures["sentences"]) == (
            {"development": (112, 277), "held_out": (50, 136)}[part]
        )
        for kind in ("basemats", "dopants", "links"):
            assert set(figures[kind]) >= {"precision", "recall", "f1"}
            assert all(0.0 <= figures[kind][m] <= 1.0 for m in ("precision", "recall", "f1"))


def test_main_prints_the_table(doping_train: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(doping_train), "--rules-only"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == [
        "part",
        "abstracts",
        "sentences",
        "entity",
        "precision",
        "recall",
        "f1",
    ]
    assert [line.split()[:5] for line in lines[1:]] == [
        ["development", "rules", "112", "277", "basemats"],
        ["development", "rules", "112", "277", "dopants"],
        ["development", "rules", "112", "277", "links"],
        ["held_out", "rules", "50", "136", "basemats"],
        ["held_out", "rules", "50", "136", "dopants"],
        ["held_out", "rules", "50", "136", "links"],
    ]


def test_main_names_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "doping.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main([str(bad)]) == 2
    assert f"cannot read the doping benchmark at {bad}" in capsys.readouterr().err


@pytest.fixture(scope="module")
def doping_train() -> Path:
    assert DOPING_TRAIN.exists(), f"the doping benchmark is expected at {DOPING_TRAIN}"
    return DOPING_TRAIN


def test_predict_carries_the_abstract_hosts_to_later_sentences() -> None:
    sentences = [
        "Tin-doped InP wafers were grown by MOVPE.",
        "Tin as a shallow dopant during the growth of InP(100) on GaAs was studied.",
    ]
    abstract = {"doi": "x", "doping_sentences": [{"sentence_text": t} for t in sentences]}
    (predicted,) = predict([abstract])
    second = predicted["doping_sentences"][1]["entity_graph_raw"]
    assert second == {
        "basemats": {"b0": "InP(100)"},
        "dopants": {"d0": "Tin"},
        "dopants2basemats": {"d0": ["b0"]},
    }
    alone = entity_graph(sentences[1])
    assert alone["dopants2basemats"] == {"d0": []}


def test_main_whole_scores_an_unsplit_file_and_writes_predictions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, out = tmp_path / "other-split.json", tmp_path / "predicted.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    assert main([str(path), "--whole", "--json", "--predictions", str(out)]) == 0
    figures = json.loads(capsys.readouterr().out)["whole shipped"]
    assert figures["abstracts"] == 1
    # hosts: "ZnO" and "TiO2" found, "films" not; links: 3 of the 5 gold word pairs
    assert [figures["basemats"][k] for k in ("precision", "recall")] == [1.0, pytest.approx(2 / 3)]
    assert [figures["links"][k] for k in ("precision", "recall")] == [1.0, 0.6]
    predicted = json.loads(out.read_text(encoding="utf-8"))
    assert predicted[0]["doping_sentences"][2]["entity_graph_raw"] == {
        "basemats": {"b0": "TiO2"},
        "dopants": {"d0": "Nb"},
        "dopants2basemats": {"d0": ["b0"]},
    }
