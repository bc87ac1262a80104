"""Step: mentions that refer to another -- a composition named next to its name, the same
material made another way, and words that point back to an earlier sentence.

- ``named_compositions``: "Mo-doped LLZO (Li6.5La3Zr1.75Mo0.25O12)", "Nb-doped garnet
  Li6.75La3Zr1.75Nb0.25O12": the name takes that composition;
- ``compared_mentions``: "than those prepared by the SSR method", "pellets of the same
  composition": the earlier material again, as a mention of its own;
- ``resolve``: "this garnet" is no material of its own (the carried subject is meant), "the
  Ga-doped sample" is the paragraph's one composition with Ga; a sentence opening with "It" or
  "This electrolyte", or naming no material, is about the subject carried from before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from miner.assembly.mention import GENERIC_HOST, POSSESSIVE, Mention, Method, main_mentions
from miner.assembly.series import stated_member

if TYPE_CHECKING:
    from miner.assembly.context import Context

_PARENTHESIS_OPEN = re.compile(r"\s*\(\s*")
_PARENTHESIS_CLOSE = re.compile(r"\s*\)")
_THOSE_MADE_BY = re.compile(
    r"\b(?:those|that|the ones?)\s+(?:prepared|synthesi[sz]ed|made|obtained|derived|fabricated|"
    r"sintered|processed)\s+(?:by|via|using|through|with)\s+(?:the\s+|a\s+)?",
    re.I,
)
_SAME_COMPOSITION = re.compile(
    r"\b(?:pellets?|samples?|ceramics?|membranes?|films?|powders?|electrolytes?)\s+(?:of|with)\s+"
    r"the\s+same\s+(?:composition|stoichiometry|nominal composition)",
    re.I,
)
_ANAPHOR_START = re.compile(
    r"^\s*(?:(?:however|moreover|meanwhile|additionally|furthermore|in addition|thus|hence|"
    r"therefore|consequently|notably|also|as a result),?\s+)?"
    r"(?:it|its|they|their|this|these|such|the (?:resulting|obtained|as-prepared|as-sintered|"
    r"prepared|sintered|synthesi[sz]ed|same|coated|treated|modified|annealed|densified|"
    r"hot-pressed|optimi[sz]ed|corresponding)|the (?:[\w-]+ed\s+)?(?:sample|pellet|electrolyte|"
    r"ceramic|membrane|film|powder)s?)\b",
    re.I,
)
_DEMONSTRATIVE = re.compile(
    r"\b(?:this|these|such|the same|the (?:resulting|obtained|as-prepared|as-sintered))\s+"
    r"(?:[\w-]+\s+)?(?:samples?|pellets?|electrolytes?|ceramics?|membranes?|films?|"
    r"powders?|cells?|batter(?:y|ies)|garnets?|materials?|compositions?)\b",
    re.I,
)
_DEMONSTRATIVE_BEFORE = re.compile(r"\b(?:this|these|such|the same)\s+$", re.I)
# "the prepared LLZO thin film": the one the sentence before made
_MADE_BEFORE = re.compile(
    r"\bthe\s+(?:as-)?(?:prepared|obtained|resulting|synthesi[sz]ed|fabricated|deposited|"
    r"sputtered|grown)\s+$",
    re.I,
)


def _elements(m: Mention) -> set[str]:
    return {d.element for d in m.dopants}


def named_compositions(text: str, mentions: list[Mention]) -> list[Mention]:
    """A name followed by its composition in parentheses, or a doped name in apposition, takes
    that composition when the name's dopants are among the formula's."""
    out = list(mentions)
    for i in range(len(out) - 1):
        name, composition = out[i], out[i + 1]
        between = text[name.end : composition.start]
        parenthesis = bool(
            _PARENTHESIS_OPEN.fullmatch(between)
            and _PARENTHESIS_CLOSE.match(text[composition.end :])
        )
        apposition = between.isspace() and bool(name.dopants)
        if (
            name.formula is None
            and composition.formula
            and (parenthesis or apposition)
            and _elements(name) <= _elements(composition)
        ):
            out[i] = name.composition(of=composition)
    return out


def compared_mentions(text: str, mentions: list[Mention], methods: list[Method]) -> list[Mention]:
    """ "than those prepared by the SSR method": the same material made another way, as a mention
    of its own (text of the material it refers back to, the method bound to it); "pellets of
    the same composition" likewise, made no named way."""
    out = []
    for match in _THOSE_MADE_BY.finditer(text):
        method = [m for ms, _, m in methods if ms == match.end()]
        earlier = [m for m in mentions if m.end <= match.start() and not m.secondary]
        if method and earlier:
            referent = earlier[-1]
            out.append(
                replace(
                    referent,
                    text=f"{referent.text} ({method[0]})",
                    start=match.start(),
                    end=match.end(),
                    methods=(method[0],),
                    name_methods=(method[0],),
                )
            )
    for match in _SAME_COMPOSITION.finditer(text):
        earlier = [m for m in mentions if m.end <= match.start() and m.formula and not m.secondary]
        if earlier:
            out.append(
                replace(
                    earlier[-1],
                    text=f"{earlier[-1].text} ({match.group(0)})",
                    start=match.start(),
                    end=match.end(),
                    methods=(),
                    name_methods=(),
                )
            )
    return out


@dataclass(frozen=True)
class Resolution:
    """The sentence's materials once references back are resolved."""

    mentions: list[Mention]
    main: list[Mention]  # those a value can be of (no helper phase, no reagent)
    pointing: bool  # a mention pointed back ("this garnet", "the Ga-doped sample")
    anaphoric: bool  # the sentence opens with "It", "This electrolyte", ... or names only those
    carried: Mention | None  # the subject from before the sentence is about, if any


def resolve(text: str, mentions: list[Mention], context: Context) -> Resolution:
    """Mentions that point back, and whether the sentence is about the carried subject."""
    mentions, pointing = _pointing_back(text, mentions, context.paragraph, context.subject)
    main = main_mentions(mentions)
    anaphoric = (
        bool(_ANAPHOR_START.match(text))
        or (not main and bool(_DEMONSTRATIVE.search(text)))
        or _possessive_first(text, main)
    )
    carried = (context.topic or context.subject) if (anaphoric or not main) else None
    carried = stated_member(text, carried) if carried is not None else None
    return Resolution(mentions, main, pointing, anaphoric, carried)


def _possessive_first(text: str, main: list[Mention]) -> bool:
    """ "The presence of closed pores, along with its relative density of 90%, ... within the
    LLZO block": an "its"/"their" before any material of the sentence points back."""
    found = POSSESSIVE.search(text)
    return found is not None and all(m.start > found.start() for m in main)


def _pointing_back(
    text: str,
    mentions: list[Mention],
    paragraph: tuple[Mention, ...],
    subject: Mention | None = None,
) -> tuple[list[Mention], bool]:
    """ "this garnet" (a demonstrative before a name that states no composition) is no material
    of its own, the carried subject is meant; "the prepared LLZO thin film" (a bare garnet name
    after "the prepared", "the obtained") is the carried subject when that is a garnet stated
    more exactly ("Sastre et al. prepared (Al, Ga) doped LLZO thin films"); "the Ga-doped
    sample" / "the Al-doped one" is the one composition of the paragraph with those dopants.
    Returns the mentions and whether any pointed back."""
    out, pointing = [], False
    for m in mentions:
        if m.secondary or m.formula:
            out.append(m)
            continue
        if not m.dopants and _DEMONSTRATIVE_BEFORE.search(text[: max(m.start, 0)]):
            pointing = True
            continue
        if (
            not m.dopants
            and m.garnet
            and subject is not None
            and subject.garnet
            and (subject.formula or subject.dopants)
            and _MADE_BEFORE.search(text[: max(m.start, 0)])
        ):
            out.append(m.composition(of=subject))
            pointing = True
            continue
        elements = _elements(m)
        if elements and GENERIC_HOST.fullmatch(m.text):
            same = {x.formula: x for x in paragraph if x.formula and _elements(x) == elements}
            if len(same) == 1:
                (antecedent,) = same.values()
                m = m.composition(of=antecedent)
                pointing = True
        out.append(m)
    return out, pointing
