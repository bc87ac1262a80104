"""Decision 0403's comparison: spaCy's own NER, trained from scratch, against the doping CRF.

    python scripts/compare_doping_spacy_ner.py [--epochs 15] [--no-rules]

5-fold cross-validation inside the development part of ../shared/external/doping-train.json
(the same folds, words and scoring as ``doping_benchmark.cross_validate``). The NER has no
pretrained vectors: a hash-embedding tok2vec (NORM, PREFIX, SUFFIX, SHAPE, and the rules' reading
plus word classes as the TAG attribute unless ``--no-rules``) with a window CNN; seeded. One
thread: about 50 s per fold. Prints "model" (the NER alone) and "combined" (with the rules).
"""

from __future__ import annotations

import argparse
import random
import sys
from typing import Any

import spacy
from spacy.tokens import Doc, Span
from spacy.training import Example
from thinc.api import Config, fix_random_seed

from miner.doping.lexicon import Word
from miner.doping.model import gold_labels, rule_roles, spans_of, word_classes
from miner.doping.statements import DopingStatement, Phrase, phrase_of
from miner.doping.words import doc_words, tagger_words
from miner.doping_benchmark import (
    DEFAULT_DATA,
    FOLDS,
    load,
    predict,
    rule_readings,
    score,
    split,
)

MODEL = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null
[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"
[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = {attrs}
rows = {rows}
include_static_vectors = false
[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3
"""


def _doc(nlp: Any, words: list[Word], statements: list[DopingStatement], rules: bool) -> Doc:
    spaces = [k + 1 < len(words) and words[k + 1].start > w.end for k, w in enumerate(words)]
    doc = Doc(nlp.vocab, words=[w.text for w in words], spaces=spaces)
    if rules:
        for token, word, role in zip(doc, words, rule_roles(words, statements), strict=True):
            token.tag_ = "|".join([role, *word_classes(word)])
    return doc


def _examples(nlp: Any, abstracts: list[dict[str, Any]], rules: bool) -> list[Example]:
    out = []
    for s, sentence, statements in rule_readings(abstracts):
        text = s["sentence_text"]
        words = tagger_words(doc_words(sentence))
        if not words:
            continue
        doc = _doc(nlp, words, statements, rules)
        labels = gold_labels(text, words, s["basemats"].values(), s["dopants"].values())
        reference = Doc(
            nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc]
        )
        starts = {w.start: k for k, w in enumerate(words)}
        ends = {w.end: k for k, w in enumerate(words)}
        reference.ents = [
            Span(reference, starts[m.start], ends[m.end] + 1, label=kind)
            for kind, m in spans_of(text, words, labels)
        ]
        out.append(Example(doc, reference))
    return out


class SpacyTagger:
    """The ``miner.doping.model.Tagger`` interface over a trained spaCy NER."""

    def __init__(self, abstracts: list[dict[str, Any]], epochs: int, rules: bool) -> None:
        fix_random_seed(0)
        rng = random.Random(0)
        attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"] + (["TAG"] if rules else [])
        rows = [5000, 1000, 2500, 1000] + ([200] if rules else [])
        config = Config().from_str(MODEL.format(attrs=str(attrs).replace("'", '"'), rows=rows))
        self.rules = rules
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("ner", config={"model": config["model"]})
        examples = _examples(self.nlp, abstracts, rules)
        self.nlp.initialize(lambda: examples)
        for _ in range(epochs):
            rng.shuffle(examples)
            for k in range(0, len(examples), 16):
                self.nlp.update(examples[k : k + 16], drop=0.2)

    def tag(
        self, text: str, words: list[Word], statements: list[DopingStatement]
    ) -> list[tuple[str, Phrase]]:
        if not words:
            return []
        doc = self.nlp.get_pipe("ner")(_doc(self.nlp, words, statements, self.rules))
        return [(e.label_, phrase_of(words[e.start : e.end], text)) for e in doc.ents]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--no-rules", action="store_true")
    args = parser.parse_args(argv)
    development, _ = split(load(args.data))
    predicted: dict[str, list[dict[str, Any]]] = {"model": [], "combined": []}
    ordered: list[dict[str, Any]] = []
    for fold in range(FOLDS):
        rest = [a for k, a in enumerate(development) if k % FOLDS != fold]
        tagger = SpacyTagger(rest, args.epochs, not args.no_rules)
        for mode, rows in predicted.items():
            rows += predict(development[fold::FOLDS], tagger, mode)
        ordered += development[fold::FOLDS]
    for mode, rows in predicted.items():
        result = score(ordered, rows)
        figures = " ".join(
            f"{kind} {result[kind]['precision']:.3f}/{result[kind]['recall']:.3f}/"
            f"{result[kind]['f1']:.3f}"
            for kind in ("basemats", "dopants", "links")
        )
        sys.stdout.write(f"spacy ner {mode}: {figures}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
