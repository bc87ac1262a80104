"""The learned doping tagger: the shipped weights on sentences written for these tests, the
combination with the rules, and the training script on a tiny hand-written data set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from miner.doping.component import doping_pipeline, dopings
from miner.doping.lexicon import Word
from miner.doping.model import (
    MODEL_PATH,
    Tagger,
    attributes_path,
    combine,
    gold_labels,
    load_tagger,
    sentence_features,
    spans_of,
)
from miner.doping.statements import DopingStatement, Phrase
from miner.doping.words import doc_words, tagger_words

ROOT = Path(__file__).resolve().parents[2]
RULES = doping_pipeline("rules")


def words_of(text: str) -> list[Word]:
    """The words the tagger reads: the reader's words of the Doc, colons split."""
    return tagger_words(doc_words(RULES.make_doc(text)))


def find_dopings(text: str) -> list[DopingStatement]:
    return dopings(RULES(text))


def _tagged(text: str, with_rules: bool = True) -> list[tuple[str, str]]:
    statements = find_dopings(text) if with_rules else []
    return [(kind, m.text) for kind, m in load_tagger().tag(text, words_of(text), statements)]


def _read(statements) -> list[tuple[str | None, list[str]]]:
    return [(s.host.text if s.host else None, [d.text for d in s.dopants]) for s in statements]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We report Mn-doped CdS quantum dots with bright orange emission.",
            [("DOPANT", "Mn"), ("HOST", "CdS")],
        ),
        (
            "Cerium was introduced into the BaZrO3 lattice to improve proton conduction.",
            [("DOPANT", "Cerium"), ("HOST", "BaZrO3")],
        ),
        (
            "GaN layers heavily doped with Si show a blue shift of the band edge.",
            [("HOST", "GaN"), ("DOPANT", "Si")],
        ),
        (
            "Bi2Te3 crystals containing 0.5 wt% Cu were grown by the Bridgman method.",
            [("HOST", "Bi2Te3"), ("DOPANT", "Cu")],
        ),
        # the rules read nothing here; the model still finds the dopant
        ("A series of Ca1-xSrxTiO3 ceramics with Pr3+ was prepared.", [("DOPANT", "Pr3+")]),
        ("The pellets were annealed at 500 °C in flowing oxygen.", []),
    ],
)
def test_shipped_model_tags_hosts_and_dopants(text: str, expected: list[tuple[str, str]]) -> None:
    assert _tagged(text) == expected


def test_sentence_features_of_a_word_and_its_neighbours() -> None:
    """The exact features, in order, that the shipped model was trained on (made once per
    distinct word since decision 0213; the rules' reading and the edges per sentence)."""
    words = [Word("Ga3+", 0, 4), Word("doped", 5, 10, "doped"), Word("LLZO", 11, 15),
             Word("films", 16, 21)]  # fmt: skip
    statements = [DopingStatement(Phrase("LLZO", 11, 15), (Phrase("Ga3+", 0, 4, ("Ga",)),), "t")]
    features = sentence_features(words, statements)
    assert features[1] == [
        "w=doped", "shape=xx", "cls=marker", "rule=O", "p3=dop", "s3=ped", "s2=ed", "c=marker",
        "cue=True", "-2=edge", "-1w=ga3+", "-1cls=element|ion|formula", "-1rule=DL",
        "-1shape=Xx9+", "1w=llzo", "1cls=acronym", "1rule=HL", "1shape=XX", "2w=films",
        "2cls=form", "2rule=O", "bias",
    ]  # fmt: skip
    assert features[3][:8] == [
        "w=films", "shape=xx", "cls=form", "rule=O", "p3=fil", "s3=lms", "s2=ms", "c=form",
    ]  # fmt: skip
    assert sentence_features([Word("films", 0, 5)], [])[0][-5:] == [
        "-2=edge", "-1=edge", "1=edge", "2=edge", "bias",
    ]  # fmt: skip


def test_shipped_attributes_are_the_models_own() -> None:
    """The file beside the shipped model lists exactly what pycrfsuite says the model knows
    (rewrite it with ``model.write_attributes`` after training)."""
    tagger = load_tagger()
    assert tagger.known == frozenset(tagger._tagger.info().attributes)
    assert attributes_path(MODEL_PATH).read_text(encoding="utf-8").count("\n") == 1 + len(
        tagger.known
    )


def test_features_the_model_knows_are_the_full_ones_less_the_rest_in_order() -> None:
    known = load_tagger().known
    words = [Word("Ga3+", 0, 4), Word("doped", 5, 10, "doped"), Word("LLZO", 11, 15),
             Word("zzqx", 16, 20), Word("films", 21, 26)]  # fmt: skip
    statements = [DopingStatement(Phrase("LLZO", 11, 15), (Phrase("Ga3+", 0, 4, ("Ga",)),), "t")]
    full = sentence_features(words, statements)
    kept = sentence_features(words, statements, known)
    assert kept == [[a for a in item if a in known] for item in full]
    assert "w=zzqx" in full[3] and "w=zzqx" not in kept[3]  # a word the model never saw
    tagger = load_tagger()._tagger
    assert tagger.tag(kept) == tagger.tag(full)


def test_attributes_of_another_model_are_not_used(tmp_path: Path) -> None:
    model = tmp_path / "m.crfsuite"
    model.write_bytes(MODEL_PATH.read_bytes())
    attributes_path(model).write_text("0" * 64 + "\nw=only\n", encoding="utf-8")
    assert Tagger(model).known == load_tagger().known


def test_words_split_colon_notation_into_host_and_dopant() -> None:
    assert [w.text for w in words_of("Bright ZnO:Al films.")] == [
        "Bright",
        "ZnO",
        ":",
        "Al",
        "films",
        ".",
    ]


def test_gold_labels_mark_every_written_place_on_word_boundaries() -> None:
    text = "Al-doped ZnO and ZnO:Al films; Al2O3 is not a dopant here."
    words = words_of(text)
    labels = gold_labels(text, words, ["ZnO"], ["Al"])
    assert [(w.text, label) for w, label in zip(words, labels, strict=True) if label != "O"] == [
        ("Al", "B-DOPANT"),
        ("ZnO", "B-HOST"),
        ("ZnO", "B-HOST"),
        ("Al", "B-DOPANT"),
    ]


def test_spans_of_joins_inside_labels_and_starts_anew_at_b() -> None:
    text = "lithium nickel oxide with Co Mn"
    words = words_of(text)
    labels = ["B-HOST", "I-HOST", "I-HOST", "O", "B-DOPANT", "B-DOPANT"]
    assert [(k, m.text) for k, m in spans_of(text, words, labels)] == [
        ("HOST", "lithium nickel oxide"),
        ("DOPANT", "Co"),
        ("DOPANT", "Mn"),
    ]


def _at(text: str, written: str) -> Phrase:
    start = text.index(written)
    return Phrase(written, start, start + len(written))


def test_combine_links_a_new_dopant_to_the_nearest_host_and_keeps_rule_statements() -> None:
    text = "SrTiO3 and BaTiO3 films with Pr3+ were compared with Cr-doped Al2O3."
    statements = find_dopings(text)
    assert _read(statements) == [("Al2O3", ["Cr"])]
    tagged = [("HOST", _at(text, "SrTiO3")), ("DOPANT", _at(text, "Pr3+"))]
    tagged.append(("HOST", _at(text, "BaTiO3")))
    assert _read(combine(text, statements, tagged)) == [
        ("Al2O3", ["Cr"]),
        ("SrTiO3", []),
        ("BaTiO3", []),
        ("BaTiO3", ["Pr3+"]),
    ]
    assert _read(combine(text, statements, tagged, link="none"))[-1] == (None, ["Pr3+"])


def test_combine_never_takes_a_lattice_site_for_a_dopant() -> None:
    text = "After La site doping the lattice of LLZO contracts."
    tagged = [("DOPANT", _at(text, "La")), ("HOST", _at(text, "LLZO"))]
    assert _read(combine(text, [], tagged)) == [("LLZO", [])]


def test_component_adds_the_model_reading_unless_rules_only() -> None:
    text = "A series of Ca1-xSrxTiO3 ceramics with Pr3+ was prepared."
    assert _read(dopings(RULES(text))) == []
    assert _read(dopings(doping_pipeline()(text))) == [(None, ["Pr3+"])]
    assert _read(dopings(doping_pipeline("model")(text))) == [(None, ["Pr3+"])]


def test_shipped_model_is_package_data_and_opened_once() -> None:
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size < 2_000_000
    assert load_tagger() is load_tagger()
    assert sorted(load_tagger()._tagger.labels()) == [
        "B-DOPANT",
        "B-HOST",
        "I-DOPANT",
        "I-HOST",
        "O",
    ]


def test_tagger_names_a_missing_model(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no doping model at .*absent.crfsuite"):
        Tagger(tmp_path / "absent.crfsuite")


# a tiny data set in the benchmark's format, written for this test
TINY = [
    {
        "doi": "10.0/tiny-1",
        "doping_sentences": [
            {
                "sentence_text": text,
                "relevant": bool(hosts or dopants),
                "basemats": {f"b{k}": h for k, h in enumerate(hosts)},
                "dopants": {f"d{k}": d for k, d in enumerate(dopants)},
                "dopants2basemats": {f"d{k}": ["b0"] for k in range(len(dopants))} if hosts else {},
            }
            for text, hosts, dopants in [
                ("Eu-doped SrS phosphors glow red.", ["SrS"], ["Eu"]),
                ("CeO2 doped with Sm was sintered.", ["CeO2"], ["Sm"]),
                ("The KNbO3 crystal contains 1 mol% Fe.", ["KNbO3"], ["Fe"]),
                ("Spectra were recorded at room temperature.", [], []),
            ]
        ],
    }
]


def _training_script():
    spec = importlib.util.spec_from_file_location(
        "train_doping_model", ROOT / "scripts/train_doping_model.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_training_script_writes_a_loadable_reproducible_model(tmp_path: Path) -> None:
    data = tmp_path / "tiny.json"
    data.write_text(json.dumps(TINY), encoding="utf-8")
    script = _training_script()
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    for out in (first, second):
        assert script.main(["--data", str(data), "--out", str(out), "--max-iterations", "5"]) == 0
    assert first.read_bytes() == second.read_bytes()
    tagger = Tagger(first)
    assert sorted(tagger._tagger.labels()) == ["B-DOPANT", "B-HOST", "O"]
    text = "Eu-doped SrS phosphors glow red."
    assert [(k, m.text) for k, m in tagger.tag(text, words_of(text), [])] == [
        ("DOPANT", "Eu"),
        ("HOST", "SrS"),
    ]


def test_training_script_names_a_bad_data_file(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]", encoding="utf-8")
    assert _training_script().main(["--data", str(bad), "--out", str(tmp_path / "m")]) == 2
    assert f"{bad} is not the LLM-NERRE doping format" in capsys.readouterr().err
