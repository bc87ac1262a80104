"""A learned host/dopant tagger next to the doping rules: a linear-chain CRF over words.

Public API:

- ``Tagger.tag(text, words, statements) -> list[(kind, Phrase)]`` -- hosts and dopants a model
  finds in one sentence (``statements``: the rules' reading of it, used as features);
  ``load_tagger(path=MODEL_PATH)`` opens one (the shipped weights,
  ``miner/data/doping-model/doping.crfsuite``, by default, once per process).
- ``combine(text, statements, tagged) -> list[DopingStatement]`` -- the rules' statements plus
  what only the model found, its new dopants linked to the nearest host (decision 0403).
- ``sentence_features(words, statements)``, ``gold_labels(text, words, hosts, dopants)``,
  ``train(sequences, path, ...)`` -- what ``scripts/train_doping_model.py`` uses.

Words are the reader's (``miner.doping.words.doc_words``, made from the Doc's tokens), with
colon notation split (``words.tagger_words``: "ZnO:Al" -> "ZnO", ":", "Al") so that a host and
its dopant are separate words. Labels are BIO
over HOST and DOPANT. Features: the word, its shape and affixes, the rules' word classes
(element symbol/ion/name, formula, acronym, form word, doping marker), the rules' own reading
(inside a host or dopant of a statement) and the same for the neighbouring words.
Why a CRF and how it was chosen: docs/decisions/0403-doping-crf-next-to-the-rules.md.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from miner.data import DATA
from miner.doping.lexicon import (
    CUES,
    ELEMENT_NAMES,
    FORM_WORDS,
    STOP_WORDS,
    Word,
    element_of,
    is_acronym,
    is_formula,
)
from miner.doping.statements import DopingStatement, Phrase, phrase_of

log = logging.getLogger(__name__)

MODEL_PATH = DATA / "doping-model" / "doping.crfsuite"
KINDS = ("HOST", "DOPANT")
_SITE_AFTER = re.compile(r"[\s-]*sites?\b", re.I)


def _shape(word: str) -> str:
    shape = re.sub(r"[A-Z]", "X", word)
    shape = re.sub(r"[a-z]", "x", shape)
    shape = re.sub(r"[0-9]", "9", shape)
    return re.sub(r"(.)\1+", r"\1\1", shape)


def word_classes(word: Word) -> list[str]:
    """The rules' word classes of a word (element, ion, formula, acronym, form word, ...)."""
    return list(_classes(word.text, bool(word.marker)))


@lru_cache(maxsize=65536)
def _classes(text: str, marker: bool) -> tuple[str, ...]:
    """``word_classes`` by the word's text and whether it is a marker: all they read."""
    low = text.lower()
    out = []
    element = element_of(text)
    if element:
        out.append("element")
        if re.fullmatch(r"[A-Z][a-z]?\s?\d*[+-]", text):
            out.append("ion")
        if low in ELEMENT_NAMES:
            out.append("element_name")
    if is_formula(text):
        out.append("formula")
    if is_acronym(text):
        out.append("acronym")
    if low in FORM_WORDS:
        out.append("form")
    if low in STOP_WORDS:
        out.append("stop")
    if marker:
        out.append("marker")
    if re.fullmatch(r"[\d.,%×x~≈–\-]+|mol\.?%|at\.?%|wt\.?%", low):
        out.append("amount")
    if not re.search(r"\w", text):
        out.append("punct")
    return tuple(out)


Known = frozenset[str] | None  # the attributes a model knows (None: every feature, to train)
_OFFSETS = (-2, -1, 1, 2)
_ROLES = ("O", "H", "D", "HL", "DL")


def _kept(known: Known, *names: str) -> tuple[str, ...]:
    """``names`` less those the model does not know: CRFsuite drops an unknown attribute
    without a trace, so leaving it out changes no score and spares building and passing it."""
    return names if known is None else tuple(n for n in names if n in known)


class _Fixed(NamedTuple):
    """The feature strings that are no word's (a missing neighbour, the bias), made once per
    model."""

    edge: dict[int, tuple[str, ...]]
    bias: tuple[str, ...]


@lru_cache(maxsize=8)
def _fixed(known: Known) -> _Fixed:
    return _Fixed({off: _kept(known, f"{off}=edge") for off in _OFFSETS}, _kept(known, "bias"))


class _WordFeatures(NamedTuple):
    """The feature strings of one word in the order ``sentence_features`` writes them, for each
    reading of the rules (role) and cue the sentence can give it: its own (w=, shape=, cls=, the
    rule's role, p3=, s3=, s2=, c=..., the cue) and, seen from a neighbour at each offset, its
    {off}w=, {off}cls=, its role and {off}shape= (next to it only)."""

    head: dict[tuple[str, bool], tuple[str, ...]]  # by (role, cue)
    around: dict[int, dict[str, tuple[str, ...]]]  # by offset, then role


@lru_cache(maxsize=65536)
def _word_features(text: str, marker: bool, known: Known = None) -> _WordFeatures:
    """A word's features in every role, made once per distinct word (most words of a text
    recur: "the", "LLZO", "S", "cm"): a sentence only picks them."""
    low = text.lower()
    shape = _shape(text)
    cls = "|".join(_classes(text, marker)) or "-"
    own = (f"w={low}", f"shape={shape}", f"cls={cls}")
    affixes = (
        f"p3={low[:3]}",
        f"s3={low[-3:]}",
        f"s2={low[-2:]}",
        *(f"c={c}" for c in cls.split("|")),
    )
    head = {
        (role, cue): _kept(known, *own, f"rule={role}", *affixes, f"cue={cue}")
        for role in _ROLES
        for cue in (True, False)
    }
    around = {
        off: {
            role: _kept(
                known,
                f"{off}w={low}",
                f"{off}cls={cls}",
                f"{off}rule={role}",
                *((f"{off}shape={shape}",) if abs(off) == 1 else ()),
            )
            for role in _ROLES
        }
        for off in _OFFSETS
    }
    return _WordFeatures(head, around)


def rule_roles(words: Sequence[Word], statements: Iterable[DopingStatement]) -> list[str]:
    """Per word: "H"/"D" when inside a host/dopant the rules read (linked or not), else "O"."""
    roles = ["O"] * len(words)
    for statement in statements:
        spans = [("D", d) for d in statement.dopants]
        if statement.host is not None:
            spans.append(("H", statement.host))
        for role, mention in spans:
            for k, w in enumerate(words):
                if mention.start <= w.start and w.end <= mention.end:
                    roles[k] = role + ("L" if statement.complete else "")
    return roles


def sentence_features(
    words: Sequence[Word], statements: Sequence[DopingStatement], known: Known = None
) -> list[list[str]]:
    """CRF features of each of ``words`` (``tagger_words`` of the sentence's words); with
    ``known``, only the attributes a model has weights for, in the same order."""
    roles = rule_roles(words, statements)
    own = [_word_features(w.text, bool(w.marker), known) for w in words]
    fixed = _fixed(known)
    cue = any(w.text.lower() in CUES or w.marker for w in words)
    out = []
    last = len(own) - 1
    for k, f in enumerate(own):
        feats = list(f.head[roles[k], cue])
        for off in _OFFSETS:
            j = k + off
            feats += own[j].around[off][roles[j]] if 0 <= j <= last else fixed.edge[off]
        feats += fixed.bias
        out.append(feats)
    return out


def gold_labels(
    text: str, words: Sequence[Word], hosts: Iterable[str], dopants: Iterable[str]
) -> list[str]:
    """BIO labels: every place a gold string is written on word boundaries (dopants win)."""
    labels = ["O"] * len(words)
    starts = {w.start: k for k, w in enumerate(words)}
    ends = {w.end: k for k, w in enumerate(words)}
    for kind, strings in (("HOST", hosts), ("DOPANT", dopants)):
        for string in strings:
            if not string.strip():
                continue
            for m in re.finditer(re.escape(string.strip()), text):
                first, last = starts.get(m.start()), ends.get(m.end())
                if first is None or last is None:
                    continue
                for k in range(first, last + 1):
                    labels[k] = ("B-" if k == first else "I-") + kind
    return labels


def train(
    sequences: Iterable[tuple[list[list[str]], list[str]]],
    path: Path,
    *,
    c1: float = 0.1,
    c2: float = 0.01,
    max_iterations: int = 200,
) -> Path:
    """Train a CRF (L-BFGS, elastic net ``c1``/``c2``) on (features, labels) and write it."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    write_attributes(path)
    return path


def attributes_path(model: Path) -> Path:
    """Where the attributes a model knows are kept beside it ("doping.attributes")."""
    return Path(model).with_suffix(".attributes")


def _model_hash(model: Path) -> str:
    return hashlib.sha256(Path(model).read_bytes()).hexdigest()


def write_attributes(model: Path) -> Path:
    """Writes the attributes the model at ``model`` knows beside it, one a line after the
    model's SHA-256: reading them back costs about a millisecond where asking pycrfsuite
    (``info()``) costs ~15 ms in every process that tags."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    lines = [_model_hash(model), *sorted(tagger.info().attributes)]
    path = attributes_path(model)
    path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return path


def known_attributes(model: Path, tagger: Any) -> frozenset[str]:
    """The attributes the model knows: from the file beside it when it was written for this
    model (same SHA-256), else from the opened ``tagger`` (a pycrfsuite Tagger)."""
    path = attributes_path(model)
    if path.is_file():
        first, *attributes = path.read_text(encoding="utf-8").splitlines()
        if first == _model_hash(model):
            return frozenset(attributes)
        log.debug("attributes of %s are another model's: asking the model", model)
    return frozenset(tagger.info().attributes)


class Tagger:
    """An opened CRF model file."""

    def __init__(self, path: Path) -> None:
        import pycrfsuite

        if not Path(path).is_file():
            raise FileNotFoundError(f"no doping model at {path}")
        self.path = Path(path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        # the features the model has no weight for (a fifth of them) are not built nor passed
        self.known: frozenset[str] = known_attributes(self.path, self._tagger)

    def tag(
        self, text: str, words: Sequence[Word], statements: Sequence[DopingStatement]
    ) -> list[tuple[str, Phrase]]:
        """(kind, phrase) of each host or dopant the model finds in ``text``, whose tagger words
        (``words.tagger_words``) are ``words``."""
        if not words:
            return []
        labels = self._tagger.tag(sentence_features(words, statements, self.known))
        return spans_of(text, words, labels)


def spans_of(text: str, words: Sequence[Word], labels: Sequence[str]) -> list[tuple[str, Phrase]]:
    """Runs of B-/I- labels as mentions; an I- without its B- opens a run."""
    if all(label == "O" for label in labels):
        return []  # most sentences
    out: list[tuple[str, Phrase]] = []
    run: list[Word] = []
    kind = ""
    for w, label in [*zip(words, labels, strict=True), (None, "O")]:
        tag_kind = label[2:] if label != "O" else ""
        if run and (label.startswith("B-") or tag_kind != kind):
            out.append((kind, phrase_of(run, text)))
            run = []
        if w is not None and tag_kind:
            kind = tag_kind
            run.append(w)
    return out


@lru_cache(maxsize=4)
def load_tagger(path: Path = MODEL_PATH) -> Tagger:
    """The model at ``path``, opened once per process (the shipped one by default)."""
    log.debug("loading doping model %s", path)
    return Tagger(path)


def combine(
    text: str,
    statements: Sequence[DopingStatement],
    tagged: Sequence[tuple[str, Phrase]],
    *,
    link: str = "new",
) -> list[DopingStatement]:
    """The rules' statements, plus the model's hosts and dopants that no statement covers
    (and that are not a lattice site, "the La site", as the rules read it too).

    ``link``: "new" (chosen by cross-validation, decision 0403) -- a dopant only the model found
    goes to the nearest host of the sentence (rules' or model's), the rules' statements stay as
    they are; "nearest" -- so do the dopants the rules left without a host; "none" -- the
    model's dopants stay unlinked."""
    covered = [m for s in statements for m in (s.host, *s.dopants) if m is not None]

    def new(mention: Phrase) -> bool:
        if _SITE_AFTER.match(text, mention.end):
            return False  # "La site doping": the lattice site, never a host or dopant
        return not any(c.start < mention.end and mention.start < c.end for c in covered)

    new_hosts = [m for kind, m in tagged if kind == "HOST" and new(m)]
    new_dopants = [m for kind, m in tagged if kind == "DOPANT" and new(m)]
    hosts = [s.host for s in statements if s.host is not None] + new_hosts
    out: list[DopingStatement] = []
    for statement in statements:
        if statement.host is None and statement.dopants and hosts and link == "nearest":
            host = _nearest(hosts, statement.dopants[0])
            statement = DopingStatement(
                host, statement.dopants, statement.phrasing + " (model host)", statement.site
            )
        out.append(statement)
    for host in new_hosts:
        if not any(s.host == host for s in out):
            out.append(DopingStatement(host, (), "model"))
    for dopant in new_dopants:
        host = _nearest(hosts, dopant) if hosts and link != "none" else None
        out.append(DopingStatement(host, (dopant,), "model"))
    return out


def _nearest(hosts: Sequence[Phrase], dopant: Phrase) -> Phrase:
    return min(hosts, key=lambda h: (abs(h.start - dopant.start), h.start))


def model_info(path: Path = MODEL_PATH) -> dict[str, Any]:
    """Size and labels of a model file (for docs and the report)."""
    tagger = load_tagger(path)
    return {"path": str(path), "bytes": path.stat().st_size, "labels": tagger._tagger.labels()}
