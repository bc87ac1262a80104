"""The doping benchmark of LLM-NERRE (Dagdelen et al. 2024) run through the doping component
(``llzo_doping``, ``miner.doping``).

Public API:

- ``score(gold, predicted) -> dict`` -- the benchmark's word-level scoring
  (``doping/step3_score.py`` of lbnlp/NERRE): precision/recall/F1 for hosts ("basemats"),
  dopants and host–dopant links.
- ``split(abstracts) -> (development, held_out)`` -- deterministic ~70/30 split by DOI hash.
- ``predict(abstracts) -> list`` -- our statements in the benchmark's prediction format: each
  abstract's sentences through ``doping_pipeline`` (the chemistry tokenizer and the doping
  component, which remembers the abstract's hosts from one sentence to the next).
- ``run(path) -> dict`` -- scores for both parts; ``python -m miner.doping_benchmark
  [PATH]`` prints them (default path: ``../shared/external/doping-train.json`` beside the repo).
- ``run_whole(path)`` -- the shipped reading scored on a whole other file (``--whole``, with
  ``--predictions OUT.json`` in the benchmark's format for its own scorer).

The data is never part of the project: it is read from where it lies.
Method and figures: docs/doping-benchmark.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language

from miner.doping.component import doping_pipeline, dopings
from miner.doping.model import Tagger, gold_labels, load_tagger, sentence_features, train
from miner.doping.statements import DopingStatement
from miner.doping.words import doc_words, tagger_words

log = logging.getLogger(__name__)

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared/external/doping-train.json"
SPLIT_SALT = "llzo-kg-doping-split"
HELD_OUT_PERCENT = 30
ENTITY_KINDS = ("basemats", "dopants")


def _words(texts: Any) -> list[str]:
    return [w for w in " ".join(texts).split(" ") if w]


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    """Word-level scores exactly as the benchmark computes them.

    Only sentences marked ``relevant`` in the gold are scored. Per sentence and entity kind, the
    gold and predicted entity strings are joined and split on spaces; a gold word found anywhere
    among the predicted words is a true positive (else a false negative), a predicted word not
    among the gold words is a false positive. Links are "host-word dopant-word" pairs (every word
    of a linked host with every word of its dopant); a gold pair found among the predicted pairs
    counts as correct; precision divides by all predicted pairs, recall by all gold pairs.
    ``predicted[i]["doping_sentences"][j]["entity_graph_raw"]`` holds the prediction for gold
    sentence j of abstract i.
    """
    counts = {k: {"tp": 0, "fp": 0, "fn": 0} for k in ENTITY_KINDS}
    links = {"n_correct": 0, "test_retrieved": 0, "gold_retrieved": 0}
    sentences = 0
    for i, abstract in enumerate(gold):
        for j, sentence in enumerate(abstract["doping_sentences"]):
            if not sentence["relevant"]:
                continue
            sentences += 1
            test = predicted[i]["doping_sentences"][j]["entity_graph_raw"]
            for kind in ENTITY_KINDS:
                gold_words = _words(sentence[kind].values())
                test_words = _words(test[kind].values())
                hits = sum(w in test_words for w in gold_words)
                counts[kind]["tp"] += hits
                counts[kind]["fn"] += len(gold_words) - hits
                counts[kind]["fp"] += sum(w not in gold_words for w in test_words)
            gold_pairs = _pairs(sentence)
            test_pairs = _pairs(test)
            links["n_correct"] += sum(p in test_pairs for p in gold_pairs)
            links["test_retrieved"] += len(test_pairs)
            links["gold_retrieved"] += len(gold_pairs)
    result: dict[str, Any] = {"sentences": sentences}
    for kind in ENTITY_KINDS:
        tp, fp, fn = counts[kind]["tp"], counts[kind]["fp"], counts[kind]["fn"]
        result[kind] = {
            "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0,
            "f1": tp / (tp + 0.5 * (fp + fn)) if tp + fp + fn else 0.0,
            **counts[kind],
        }
    precision = links["n_correct"] / links["test_retrieved"] if links["test_retrieved"] else 0.0
    recall = links["n_correct"] / links["gold_retrieved"] if links["gold_retrieved"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
    result["links"] = {"precision": precision, "recall": recall, "f1": f1, **links}
    return result


def _pairs(graph: dict[str, Any]) -> list[str]:
    links = graph["dopants2basemats"] or {}
    pairs = []
    for dopant_id, host_ids in links.items():
        for host_id in host_ids:
            for host_word in graph["basemats"][host_id].split(" "):
                for dopant_word in graph["dopants"][dopant_id].split(" "):
                    if host_word and dopant_word:
                        pairs.append(f"{host_word} {dopant_word}")
    return pairs


def _held_out(doi: str) -> bool:
    digest = hashlib.sha256((SPLIT_SALT + doi.strip().lower()).encode("utf-8")).hexdigest()
    return int(digest, 16) % 100 < HELD_OUT_PERCENT


def split(abstracts: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(development, held-out) by a salted hash of each DOI: stable across runs and machines."""
    development = [a for a in abstracts if not _held_out(a["doi"])]
    held_out = [a for a in abstracts if _held_out(a["doi"])]
    return development, held_out


def entity_graph(text: str, nlp: Language | None = None, known: list[str] | None = None) -> dict:
    """Our reading of one sentence as the benchmark's entity graph (hosts, dopants, links), by
    ``nlp`` (a ``component.doping_pipeline``; the rules alone by default); ``known``: the
    hosts of the abstract's earlier sentences, read and extended."""
    nlp = nlp or doping_pipeline("rules")
    doc = nlp(text, component_cfg={"llzo_doping": {"known_hosts": known}})
    return graph_of(dopings(doc))


def graph_of(statements: list[DopingStatement]) -> dict[str, Any]:
    """Statements as the benchmark's entity graph."""
    hosts: dict[str, str] = {}
    dopants: dict[str, str] = {}
    links: dict[str, list[str]] = {}
    for statement in statements:
        host_id = None
        if statement.host is not None:
            host_id = _key(hosts, statement.host.text, "b")
        for mention in statement.dopants:
            dopant_id = _key(dopants, mention.text, "d")
            targets = links.setdefault(dopant_id, [])
            if host_id is not None and host_id not in targets:
                targets.append(host_id)
    return {"basemats": hosts, "dopants": dopants, "dopants2basemats": links}


def _key(table: dict[str, str], text: str, prefix: str) -> str:
    for key, value in table.items():
        if value == text:
            return key
    key = f"{prefix}{len(table)}"
    table[key] = text
    return key


def predict(
    abstracts: list[dict[str, Any]],
    tagger: Tagger | None | str = "shipped",
    mode: str = "combined",
    link: str = "new",
) -> list[dict[str, Any]]:
    """Our entity graphs, sentence by sentence in order, each abstract remembering its hosts.

    ``tagger``: "shipped" (the package's model, trained on all 162 abstracts), another opened
    model, or None for the rules alone; ``mode`` "combined" adds what it finds to the rules'
    statements, "model" keeps only what it finds; ``link``: see ``model.combine``."""
    if tagger == "shipped":
        tagger = load_tagger()
    nlp = doping_pipeline(mode if tagger else "rules", link, tagger)  # type: ignore[arg-type]
    out = []
    for a, docs in _read(nlp, abstracts):
        graphs = [{"entity_graph_raw": graph_of(dopings(doc))} for doc in docs]
        out.append({"doi": a["doi"], "doping_sentences": graphs})
    return out


def _read(
    nlp: Language, abstracts: list[dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], list[Any]]]:
    """Each abstract with its sentences read by ``nlp``, the abstract's hosts carried on."""
    for a in abstracts:
        known: list[str] = []
        texts = [s["sentence_text"] for s in a["doping_sentences"]]
        cfg = {"llzo_doping": {"known_hosts": known}}
        yield a, list(nlp.pipe(texts, component_cfg=cfg))


def rule_readings(
    abstracts: list[dict[str, Any]],
) -> Iterator[tuple[dict[str, Any], Any, list[DopingStatement]]]:
    """Each gold sentence, its Doc and the rules' reading of it, the abstract's earlier hosts
    known to the rules as ``predict`` gives them."""
    for a, docs in _read(doping_pipeline("rules"), abstracts):
        for s, doc in zip(a["doping_sentences"], docs, strict=True):
            yield s, doc, dopings(doc)


def sequences(
    abstracts: list[dict[str, Any]], relevant_only: bool = False, blind_copy: bool = False
) -> list[tuple[list[list[str]], list[str]]]:
    """(features, BIO labels) of every sentence, for training the doping model. ``blind_copy``
    adds each sentence a second time without the rules' reading, so that the model also learns
    to find what the rules miss (on these abstracts the rules were tuned, so they miss little)."""
    out = []
    for s, doc, statements in rule_readings(abstracts):
        text = s["sentence_text"]
        words = tagger_words(doc_words(doc))
        if (relevant_only and not s["relevant"]) or not words:
            continue
        labels = gold_labels(text, words, s["basemats"].values(), s["dopants"].values())
        out.append((sentence_features(words, statements), labels))
        if blind_copy:
            out.append((sentence_features(words, []), labels))
    return out


def load(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read the doping benchmark at {path}: {exc}") from exc
    if not isinstance(data, list) or not all(
        isinstance(a, dict) and "doping_sentences" in a for a in data
    ):
        raise ValueError(f"{path} is not the LLM-NERRE doping format (list of abstracts)")
    return data


FOLDS = 5
# what the learned rows of ``run`` compare: (label, mode) with None for the rules alone
READINGS = (("rules", None), ("model", "model"), ("combined", "combined"))


def trained_model(abstracts: list[dict[str, Any]], path: Path) -> Tagger:
    """A doping model trained on ``abstracts`` (all their sentences), written to ``path``."""
    return Tagger(train(sequences(abstracts), path))


def cross_validate(development: list[dict[str, Any]], folds: int = FOLDS) -> dict[str, Any]:
    """Scores of each reading over ``folds`` folds of the abstracts (abstract k in fold k mod
    ``folds``): every fold is read by a model trained on the other folds only."""
    predicted: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in READINGS}
    ordered: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for fold in range(folds):
            test = development[fold::folds]
            rest = [a for k, a in enumerate(development) if k % folds != fold]
            tagger = trained_model(rest, Path(tmp) / f"fold{fold}.crfsuite")
            for label, mode in READINGS:
                predicted[label] += predict(test, tagger if mode else None, mode or "combined")
            ordered += test
    return {label: score(ordered, predicted[label]) for label, _ in READINGS}


def run(path: Path = DEFAULT_DATA, learned: bool = True) -> dict[str, Any]:
    """Scores on the development and held-out parts of the benchmark file at ``path``.

    Rules alone on both parts; with ``learned``, also the model alone and combined with the
    rules: on the development part by cross-validation, on the held-out part with a model
    trained on the development part only (never the shipped one, which saw all abstracts)."""
    abstracts = load(path)
    development, held_out = split(abstracts)
    results: dict[str, Any] = {}
    for part, items in (("development", development), ("held_out", held_out)):
        results[f"{part} rules"] = {"abstracts": len(items), **score(items, predict(items, None))}
    if not learned:
        return results
    for label, figures in cross_validate(development).items():
        if label != "rules":
            results[f"development {label} (cv)"] = {"abstracts": len(development), **figures}
    with tempfile.TemporaryDirectory() as tmp:
        tagger = trained_model(development, Path(tmp) / "development.crfsuite")
        for label, mode in READINGS[1:]:
            figures = score(held_out, predict(held_out, tagger, mode))
            results[f"held_out {label}"] = {"abstracts": len(held_out), **figures}
    return results


def run_whole(path: Path, predictions: Path | None = None) -> dict[str, Any]:
    """Scores of what ``extract`` ships (rules + the shipped model) on every abstract of the file
    at ``path``, unsplit: for a file the project never trained on, such as another split of the
    benchmark. ``predictions``: also write them there in the benchmark's own format."""
    abstracts = load(path)
    predicted = predict(abstracts)
    if predictions is not None:
        predictions.write_text(json.dumps(predicted, indent=1) + "\n", encoding="utf-8")
    return {"whole shipped": {"abstracts": len(abstracts), **score(abstracts, predicted)}}


def format_report(results: dict[str, Any]) -> str:
    lines = [
        f"{'part':<26} {'abstracts':>9} {'sentences':>9}  {'entity':<9} "
        f"{'precision':>9} {'recall':>7} {'f1':>7}"
    ]
    for part, figures in results.items():
        for kind in ("basemats", "dopants", "links"):
            s = figures[kind]
            lines.append(
                f"{part:<26} {figures['abstracts']:>9} {figures['sentences']:>9}  {kind:<9} "
                f"{s['precision']:>9.3f} {s['recall']:>7.3f} {s['f1']:>7.3f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--rules-only", action="store_true", help="skip the learned model (no training)"
    )
    parser.add_argument(
        "--whole",
        action="store_true",
        help="score the shipped reading on the whole file, unsplit (a file not trained on)",
    )
    parser.add_argument(
        "--predictions", type=Path, help="with --whole: write the predictions to this JSON file"
    )
    args = parser.parse_args(argv)
    try:
        if args.whole:
            results = run_whole(args.path, args.predictions)
        else:
            results = run(args.path, learned=not args.rules_only)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stdout.write(
        (json.dumps(results, indent=2) if args.json else format_report(results)) + "\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
