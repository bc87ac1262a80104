"""DOPING component: which dopants the text puts into which host, in any material (garnets and
beyond: "ZnO films doped with Al, Ga and In", "Nb-substituted TiO2", "Nd:YAG").

Registered as ``llzo_doping``; its statements go to ``doc._.dopings`` (a list of
``statements.DopingStatement``, offsets in the Doc's text). It reads the words of
``miner.doping.words`` (made from the Doc's tokens), dispatches them to the phrasings of
``miner.doping.phrasings``, completes hostless statements (``statements.known_host``,
``lone_host``) and, with ``mode`` "combined" (the default), adds what the shipped CRF tagger finds
and the rules do not (``model.combine``, decision 0403). Where a MATERIAL or DOPANT span of the
other components covers a host or dopant, its formula, element, charge, amount and site are
used, so the component runs after ``llzo_material`` and ``llzo_dopant`` when they are in the
pipeline.

Settings: ``mode`` "combined" | "rules" | "model" (the model's reading alone), ``link`` (how the
model's dopants find a host, see ``model.combine``). Per call, ``known_hosts``: the hosts of
earlier sentences of the same text, read and extended (the benchmark's abstracts):

    known: list[str] = []
    for doc in nlp.pipe(sentences, component_cfg={"llzo_doping": {"known_hosts": known}}):
        ...
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from miner.doping.model import Tagger, combine, load_tagger
from miner.doping.phrasings import read
from miner.doping.slots import Reader
from miner.doping.statements import DopingStatement, Phrase, known_host, lone_host, spaced_colon
from miner.doping.words import chunks, doc_words, tagger_words
from miner.extensions import get_attr, set_doc_attr
from miner.tokenizer import doc_text, make_tokenizer

MATERIAL_KEY = "llzo_material"
DOPANT_KEY = "llzo_dopant"
MODES = ("combined", "rules", "model")


class DopingReader:
    def __init__(self, nlp: Language, name: str, mode: str = "combined", link: str = "new") -> None:
        if mode not in MODES:
            raise ValueError(f"Invalid doping {mode=}: expected one of {MODES}")
        self.name = name
        self.mode = mode
        self.link = link
        self.tagger: Tagger | None = None  # None: the shipped model, loaded on first use

    def __call__(self, doc: Doc, known_hosts: list[str] | None = None) -> Doc:
        statements = self.find(doc, known_hosts)
        set_doc_attr(doc, "dopings", statements)
        return doc

    def find(self, doc: Doc, known_hosts: list[str] | None = None) -> list[DopingStatement]:
        text = doc_text(doc)
        words = doc_words(doc)
        statements = read(Reader(text, words))
        statements += spaced_colon(text, chunks(doc), statements)
        statements = known_host(text, words, statements, known_hosts or ())
        statements = lone_host(text, words, statements)
        if known_hosts is not None:
            known_hosts.extend(s.host.text for s in statements if s.host is not None and s.dopants)
        if self.mode != "rules":
            tagger = self.tagger or load_tagger()
            tagged = tagger.tag(text, tagger_words(words), statements)
            rules = statements if self.mode == "combined" else []
            statements = combine(text, rules, tagged, link=self.link)
        return _with_spans(doc, statements)


def _with_spans(doc: Doc, statements: list[DopingStatement]) -> list[DopingStatement]:
    """Hosts and dopants as the other components read them: a MATERIAL span's formula, a
    DOPANT span's element, charge, amount and site."""
    materials = list(doc.spans.get(MATERIAL_KEY, []))
    dopant_spans = list(doc.spans.get(DOPANT_KEY, []))
    if not materials and not dopant_spans:
        return statements
    out = []
    for statement in statements:
        host = statement.host
        if host is not None:
            span = _covering(materials, host)
            formula = get_attr(span, "formula") if span is not None else None
            if formula:
                host = Phrase(host.text, host.start, host.end, host.elements, None, None, formula)
        dopants = []
        site = statement.site
        for phrase in statement.dopants:
            span = _covering(dopant_spans, phrase)
            if span is not None and get_attr(span, "element") and len(phrase.elements) <= 1:
                charge, amount = get_attr(span, "charge"), get_attr(span, "amount")
                phrase = Phrase(
                    phrase.text,
                    phrase.start,
                    phrase.end,
                    (get_attr(span, "element"),),  # type: ignore[arg-type]
                    phrase.charge if charge is None else charge,  # type: ignore[arg-type]
                    phrase.amount if amount is None else amount,  # type: ignore[arg-type]
                    None,
                    phrase.amount_text,
                )
                site = site or get_attr(span, "site")  # type: ignore[assignment]
            dopants.append(phrase)
        out.append(DopingStatement(host, tuple(dopants), statement.phrasing, site))
    return out


def _covering(spans: Sequence[Span], phrase: Phrase) -> Span | None:
    for span in spans:
        if span.start_char <= phrase.start and phrase.end <= span.end_char:
            return span
        if phrase.start <= span.start_char and span.end_char <= phrase.end:
            return span
    return None


def doping_pipeline(
    mode: str = "combined", link: str = "new", tagger: Tagger | None = None
) -> Language:
    """The chemistry tokenizer and this component alone, no other recogniser's spans: what the
    doping benchmark scores (``tagger``: a model other than the shipped one)."""
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    pipe = nlp.add_pipe("llzo_doping", config={"mode": mode, "link": link})
    pipe.tagger = tagger
    return nlp


def dopings(doc: Doc) -> list[DopingStatement]:
    """The component's statements of a Doc (empty when it did not run)."""
    found: Any = doc._.dopings
    return list(found or ())


@Language.factory(
    "llzo_doping",
    assigns=["doc._.dopings"],
    requires=["doc.spans"],
    default_config={"mode": "combined", "link": "new"},
)
def make_doping(nlp: Language, name: str, *, mode: str, link: str) -> DopingReader:
    """``mode``: "combined" (rules and the shipped CRF tagger), "rules", or "model" alone;
    ``link``: how the model's dopants find a host ("new", "nearest", "none")."""
    return DopingReader(nlp, name, mode, link)
