"""SITE recogniser: lattice sites and crystallographic positions.

"Li site", "Zr sites", "La-site", "O sites", "Li and Zr sites", "Li1/Li2", "24d", "96h",
"tetrahedral 24d sites". Spans go to ``doc.spans["llzo_site"]`` (label SITE) with ``site``
("Li" | "La" | "Zr" | "O", None for another element's site) and ``position`` (the Wyckoff letter
or Li1/Li2 as written, else None). Garnet positions map to their sites: 24d, 48g and 96h hold Li,
24c La, 16a Zr (Ia-3d); 96h is also where O sits, so "O ... 96h" is read from the word before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from miner.chemistry.elements import ELEMENTS
from miner.chemistry.garnet import POSITIONS, SITES
from miner.extensions import set_attrs, set_group
from miner.tokenizer import doc_lower, doc_text, token_at

SPAN_KEY = "llzo_site"
LABEL = "SITE"
_POSITION = "|".join(POSITIONS)  # the garnet's Wyckoff positions: 24d, 48g, 96h, 24c, 16a
POSITION_RE = re.compile(rf"(?:{_POSITION})(?:/(?:{_POSITION}))*")
LI_POSITION_RE = re.compile(r"Li[1-3]")
SITE_WORDS = frozenset({"site", "sites", "sublattice", "sublattices", "position", "positions"})
JOINERS = frozenset({"and", ",", "/", "or"})
# every token the loop below can take holds one of these in its lowered text
NEEDLES = ("site", "sublattice", "position", *POSITIONS, "li1", "li2", "li3")
CUES = ("site", "Site", "sublattice", "position", *POSITIONS, "Li1", "Li2")


def _site(element: str) -> str | None:
    return element if element in SITES else None


class SiteRecognizer:
    def __init__(self, nlp: Language, name: str = "llzo_site") -> None:
        self.label = nlp.vocab.strings.add(LABEL)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.find(doc))

    def find(self, doc: Doc) -> list[tuple[int, int, str | None, str | None]]:
        """(start, end, site, position) per mention, in text order."""
        found: list[tuple[int, int, str | None, str | None]] = []
        text = doc_text(doc)
        if not any(map(text.__contains__, CUES)):
            return found
        for token in _cue_tokens(doc, text):
            if token.lower_ in SITE_WORDS:
                found.extend(self._named_sites(doc, token.i))
            elif POSITION_RE.fullmatch(token.text):
                element = doc[token.i - 1].text if token.i else ""
                site = "O" if element == "O" else POSITIONS[token.text.split("/")[0]]
                found.append((token.i, token.i + 1, site, token.text))
            elif LI_POSITION_RE.fullmatch(token.text) and _in_li_pair(doc, token.i):
                found.append((token.i, token.i + 1, "Li", token.text))
        return sorted(set(found))

    def _named_sites(self, doc: Doc, word: int) -> list[tuple[int, int, str | None, str | None]]:
        """ "Li site", "La-site", "Li and Zr sites" -> one mention per element."""
        i = word - 1
        if i >= 0 and doc[i].text in ("-", "–"):
            i -= 1
        out = []
        while i >= 0 and doc[i].text in ELEMENTS:
            out.append((i, word + 1 if not out else i + 1, _site(doc[i].text), None))
            if i >= 2 and doc[i - 1].lower_ in JOINERS and doc[i - 2].text in ELEMENTS:
                i -= 2
                continue
            break
        return out

    def set_annotations(
        self, doc: Doc, found: list[tuple[int, int, str | None, str | None]]
    ) -> Doc:
        spans = []
        for start, end, site, position in found:
            span = Span(doc, start, end, label=self.label)
            set_attrs(span, site=site, position=position)
            spans.append(span)
        set_group(doc, SPAN_KEY, spans)
        return doc


def _cue_tokens(doc: Doc, text: str) -> Iterable[Token]:
    """The tokens that hold a site word, a position or Li1-Li3, found by substring search in
    the lowered text: looping over every token of the doc cost more than the reading itself."""
    lowered = doc_lower(doc)
    if len(lowered) != len(text):  # a character whose lower case is longer shifts the offsets
        return doc
    indices = set()
    for needle in NEEDLES:
        at = lowered.find(needle)
        while at >= 0:
            indices.add(token_at(doc, at))
            at = lowered.find(needle, at + 1)
    return [doc[i] for i in sorted(indices) if i >= 0]


def _in_li_pair(doc: Doc, i: int) -> bool:
    """ "Li1/Li2", "Li1 and Li2": Li1 alone could be a sample name."""
    around = [doc[k].text for k in range(max(0, i - 2), min(len(doc), i + 3)) if k != i]
    return any(LI_POSITION_RE.fullmatch(t) for t in around)


@Language.factory("llzo_site", assigns=["doc.spans"], requires=[], default_config={})
def make_site(nlp: Language, name: str) -> SiteRecognizer:
    return SiteRecognizer(nlp, name)
