"""Doping statements in any material, not only garnets: which dopants went into which host.

Public API (stable; the assembler calls it to build ``doping`` facts):

- ``link_dopings(sent_doc, learned=True) -> list[DopingStatement]`` -- for a spaCy ``Doc`` or
  sentence ``Span``. Uses the recognisers' spans when present (``doc.spans["llzo_material"]`` for
  host formulas, ``doc.spans["llzo_dopant"]`` for element/charge/amount/site) and the phrasings
  below otherwise; ``learned`` adds what the shipped CRF tagger (``doping_model``) finds.
- ``find_dopings(text, known_hosts=()) -> list[DopingStatement]`` -- the same reading on plain
  text (offsets index ``text``); what the benchmark in ``doping_benchmark.py`` runs.
  ``known_hosts``: hosts named earlier in the same abstract, for dopants read without a host.
- ``DopingStatement.fact_dopants()`` -- the dopants as ``records.Dopant`` values (sites outside
  Li/La/Zr/O become null).

Phrasings read (host H, dopants A, B; the replaced element B of a site phrase is ``site``):
"A-doped H", "A3+-doped H", "A and B co-doped H", "Eu2+/Dy3+ co-doped H", "A-substituted H",
"A-activated H", "H doped with/by A", "H co-doped with A and B", "H films doped with A, B and C",
"H doped with 5 mol% A", "we doped H with A", "doping H with A", "H:A", "H:A,B", "A:H" (Nd:YAG),
"doping of A into H", "A doping in H", "A doped/introduced into H", "incorporation of A in H",
"introducing A into H", "A substitution at the B site", "A doped at the B site of H",
"replacing B with A", "substitution of B by A in H", "A substitution for B", "A substitutes for B",
"A occupies the B sites of H", "the B site was substituted by A", "B-site doping with A",
"A dopant(s) in/for/on H", "A as a dopant", "dopants such as A and B", "Eu2+ (ions) in H",
"H with 5 at% A", "H containing 1 wt% A", "addition of A to H", "A was implanted/embedded in H",
"doping (of) H with A", "H was doped at the B site with A", "By doping with A, H ...",
"elements such as A and B", "M-doped H (M = Fe, Co)", "A-stabilized H", "Y2O3:5%Eu3+",
"Ti:sapphire"; plus mentions with only a host ("doped H") or only a dopant ("A doping",
"A dopant"); a ``doping`` fact needs both (``DopingStatement.complete``). A dopant without a host
takes the earlier host (``known_hosts``) this sentence names again, else the sentence's host when
the sentence names exactly one formula.

The reading is a small rule set over words, not a parser: a host is the noun phrase in the slot of
the phrasing, cut to its material head (formula, acronym, or a short lower-case phrase) with form
words such as "films", "nanoparticles", "single crystals" dropped; a dopant is an element symbol,
ion, element name, or a short formula. Method and figures: docs/doping-benchmark.md.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from miner.chemistry.elements import ATOMIC_NUMBERS
from miner.chemistry.elements import ELEMENT_NAMES as ALL_NAMES
from miner.records import SITES, Dopant

MAX_DOPANT_Z = 96

# the elements a dopant word can name: up to curium (Z = 96); the symbols past it ("No", "Es",
# "Ds") are English words or abbreviations far more often than dopants
_SYMBOL_SET = frozenset(s for s, z in ATOMIC_NUMBERS.items() if z <= MAX_DOPANT_Z)
ELEMENT_NAMES: dict[str, str] = {n: s for n, s in ALL_NAMES.items() if s in _SYMBOL_SET}
_ELEMENTAL_HOSTS = frozenset("Si Ge C Se Te Sn".split())
_GROUP_WORDS = frozenset(
    "lanthanide lanthanides rare-earth re ln ln3+ transition-metal electron hole".split()
)
_VALENCE_WORDS = frozenset(
    "monovalent divalent trivalent tetravalent pentavalent hexavalent aliovalent isovalent".split()
)

# words naming the form of a material, dropped from the end of a host phrase
_FORM_WORDS = frozenset(
    """film films thin nanoparticle nanoparticles nanowire nanowires nanocrystal nanocrystals
    nanostructure nanostructures nanophosphor nanophosphors nanosheet nanosheets nanorod
    nanorods nanofibers nanofibres sheet sheets nanopowder nanopowders crystal crystals single
    layer layers powder powders coating coatings waveguide waveguides substrate substrates
    aerogel particles microspheres phosphor phosphors ceramics pellets pellet electrode
    electrodes host matrix matrices lattice sample samples material materials
    glass glasses fiber fibre fibers fibres laser lasers amplifier amplifiers structure system
    polycrystalline
    nanocrystalline quantum dots qds wafer wafers bulk monolayer monolayers photocatalyst
    photocatalysts catalyst catalysts compound compounds solid solution solutions phase plates
    plate device devices planar""".split()
)
# nouns that are hosts on their own when nothing more specific is named ("the doped samples")
_GENERIC_HOSTS = frozenset(
    "sample samples composite composites material materials film films crystal crystals "
    "system oils coating nanoparticles catalyst catalysts compound compounds".split()
)
# words that end a host phrase after a "doped" ("Nd-doped concentrations" is no host)
_NOT_HOSTS = frozenset(
    "concentration concentrations content contents level levels amount amounts region regions "
    "ions ion atoms cations state states effect effects case cases type".split()
)
_VERBS = frozenset(
    """enhances enhance improves improve shows show exhibits exhibit leads lead increases
    increase decreases decrease reduces reduce maintains maintain possesses possess displays
    display reveals reveal provides provide allows allow causes cause becomes become remains
    remain yields yield gives give forms form acts act serves serve report reports reported
    present presents propose proposes demonstrate demonstrates study studies investigate
    investigates use uses prepare prepares conducts conduct emits emit""".split()
)
# a plain word that names a chemical ("tetracene", "benzene", "cerium nitrate"), not "single"
_CHEMICAL_WORD = re.compile(r"[a-z][a-z\-]*(?:ene|ine|ide|ate|ite|ium|ol|one|ane|yl|acid)s?")
# a word that can only qualify a noun: a host phrase keeps the noun after it
_ADJECTIVE = re.compile(r"[a-z\-]{3,}(?:ous|ic|ical|ive|ary)")
_ANION_WORDS = frozenset("nitrate nitrates chloride chlorides oxide acetate sulfate".split())
_DOPANT_FILLERS = frozenset(
    """of different various amounts amount the a an small low high trace concentrations
    concentration levels level sensitizer activator part parts mol at wt ppm""".split()
)
# adjectives that name a kind of dopant on their own ("organic dopants")
_DOPANT_KINDS = frozenset(
    """organic inorganic metal metallic nonmetal non-metal anionic cationic molecular
    magnetic""".split()
)
# plural nouns that name a group of dopants listed after "such as"
_GROUP_NOUNS = frozenset("elements dopants ions cations anions metals impurities".split())
# words that open a new clause after a comma, ending a list of dopants
_CLAUSE_OPENERS = frozenset("the a an this these those its their it they we which".split())
_JOINERS = frozenset(["and", "or", ","])
_MEANS = frozenset("by through upon after via".split())
_QUALIFIERS = frozenset("different various several other foreign".split())
# verbs before "as a dopant" ("Tin acts as a dopant", "Zn served as dopant")
_AS_VERBS = frozenset("acts act acted serves serve served used works employed".split())
# words that open "doping of A in H"-like phrasings
_ACTION_NOUNS = frozenset(
    """doping incorporation introduction introducing incorporating substitution addition
    adding""".split()
)
# nouns between an ion and "in H" that keep it a dopant ("the Er3+ concentration in NaYF4")
_ION_NOUNS = frozenset(
    "ion ions cations concentration concentrations content contents centers centres".split()
)
_DOPING_NOUNS = frozenset("treatment treatments effect effects process level levels".split())
_AMOUNT = re.compile(r"[\d.×x~≈–\-]+%?|mol\.?%|at\.?%|wt\.?%|%")
_STOP_WORDS = frozenset(
    """of in on for with by at from to as via using under through into onto over during after
    before is are was were be been being has have had show shows showed exhibit exhibits
    exhibited display displays reveal reveals revealed and or but which that who whose when
    where while than then thus also can could may might will would should this these those its
    their his her our we it they such both between among within without upon about prepared
    synthesized fabricated grown deposited obtained formed made used based containing
    having possessing possesses""".split()
)
_INTENSITY = frozenset(
    "lightly heavily highly slightly uniformly singly intentionally partially partly".split()
)
_DETERMINERS = frozenset("the a an all pure some several two three our this these".split())
_ADVERBS = frozenset(
    """lightly heavily highly slightly successfully further also was were is are been be being
    has have had that which then already intentionally uniformly singly simultaneously
    additionally both partially partly mainly""".split()
)
_NON_MATERIAL_ACRONYMS = frozenset(
    """XRD SEM TEM EDX EDS XPS EPR ESR NMR FTIR FT-IR UV PL DFT RF PEC OER HER ORR MBE CVD PLD
    FET FETs CIE OLED OLEDs SHG NLO MOSFET EQCM PCE STH ABPE IR NIR XAS DC AC RT BIB SCEs
    LED LEDs PSC PSCs""".split()
)

_DOPE_MARKER = (
    r"(?:co-?|tri-?|single-?|double-?|dual-?|δ-?)?(?:doped|doping|substituted|incorporated"
    r"|containing|codoped|activated)"
)
# "Y2O3-stabilized zirconia", "Ta-stabilized LLZO": only glued to the stabilizer
_HYPHEN_MARKER = re.compile(rf"^(.+?)-({_DOPE_MARKER}|stabilized|stabilised)$", re.I)
_FORMULA_PART = re.compile(r"(?:[A-Z][a-z]?|\(|\)|\[|\]|[0-9.]+|[xyzδ±−+\-,/·]|[a-z](?=[)\]]))")
# "20%Yb", "5mol%Eu", "xEu2+": an amount written onto the dopant
_LEADING_AMOUNT = re.compile(r"^(?:\d+(?:\.\d+)?(?:mol|at|wt)?\.?%|[xyz](?=[A-Z]))")
_ION = re.compile(r"^([A-Z][a-z]?)( ?\d*[+-]|\d*x|\d+(?:\.\d+)?)?$")
_LEADING = "([{“\"'‘"
_TRAILING = ",;.:)]}”\"'’"


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    marker: str = ""  # "doped" when the word was split off "A-doped"


def _tokens(text: str) -> list[Word]:
    """Words with offsets; brackets peeled only when unbalanced, "A-doped" split in two."""
    words: list[Word] = []
    matches = list(re.finditer(r"\S+", text))
    for n, m in enumerate(matches):
        token, start = m.group(), m.start()
        listed = token.endswith("-,") or (
            n + 1 < len(matches) and matches[n + 1].group() in ("and", "or", "&", ",")
        )
        trailing: list[Word] = []
        while token and token[-1] in ",;.:\"'”’" and len(token) > 1:
            end = start + len(token)
            trailing.insert(0, Word(token[-1], end - 1, end))
            token = token[:-1]
        if len(token) > 2 and token[0] == "(" and token[-1] == ")" and _wrapped(token):
            words.append(Word("(", start, start + 1))
            trailing.insert(0, Word(")", start + len(token) - 1, start + len(token)))
            token, start = token[1:-1], start + 1
        while token and token[0] in _LEADING and _unbalanced_open(token):
            words.append(Word(token[0], start, start + 1))
            token, start = token[1:], start + 1
        amount = re.match(r"\d+(?:\.\d+)?(?:mol|at|wt)?\.?%(?=[A-Z])", token)  # "5%Mn-doped"
        if amount:
            words.append(Word(amount.group(), start, start + amount.end()))
            token, start = token[amount.end() :], start + amount.end()
        glued = re.fullmatch(r"(.+)-(and|or)", token)  # "phosphorus-and sulfur-doped"
        if glued and _element_of(glued.group(1)):
            cut = start + len(glued.group(1))
            words += [Word(glued.group(1), start, cut), Word("-", cut, cut + 1)]
            token, start = glued.group(2), cut + 1
        before = re.fullmatch(rf"({_DOPE_MARKER})-(.+)", token, re.I)  # "Al doped-ZnO"
        if before and _is_host_head(before.group(2).rstrip(_TRAILING)):
            cut = start + len(before.group(1))
            words.append(Word(before.group(1), start, cut, marker="doped"))
            token, start = token[len(before.group(1)) + 1 :], cut + 1
        while (
            token
            and token[-1] in _TRAILING
            and (token[-1] not in ")]}" or _unbalanced_close(token))
        ):
            end = start + len(token)
            trailing.insert(0, Word(token[-1], end - 1, end))
            token = token[:-1]
        if (
            len(token) > 1
            and token.endswith("-")
            and not token.endswith("--")
            and (listed or not re.fullmatch(r"[A-Z][a-z]?\d*-", token))  # "F-" is an anion
        ):
            trailing.insert(0, Word("-", start + len(token) - 1, start + len(token)))
            token = token[:-1]
        if token.startswith("-") and re.fullmatch(_DOPE_MARKER, token[1:], re.I):
            token, start = token[1:], start + 1
        if token:
            hyphen = _HYPHEN_MARKER.match(token)
            following = matches[n + 1].group().lower() if n + 1 < len(matches) else ""
            if (
                re.fullmatch(_DOPE_MARKER, token, re.I)
                # "Co-doped ZnO" is cobalt, "Co-doping of Ce and Mn" / "Co-doped with" is co-
                # doping, and so is "Co-doping ZnO nanorods with Al and N" (a verb with "with")
                and (
                    not token.startswith("Co")
                    or following in ("of", "with", "by")
                    or token.lower() == "co-doping"
                    and following not in ("in", "into", "on", "at")
                    and any(m.group().lower() == "with" for m in matches[n + 2 : n + 6])
                )
                and token.lower() != "containing"  # only "Cr-containing" says doping
            ):
                words.append(Word(token, start, start + len(token), marker="doped"))
            elif (
                hyphen
                and hyphen.group(1)
                and not (
                    hyphen.group(2).lower() == "activated"
                    and not _element_of(hyphen.group(1).rstrip("-"))
                )
            ):
                first = hyphen.group(1).rstrip("-")
                if len(first) > 1 and first.endswith(")") and _unbalanced_close(first):
                    first = first[:-1]  # "Eu (2 mol%)-doped": the bracket closes here
                    words.append(Word(first, start, start + len(first)))
                    words.append(Word(")", start + len(first), start + len(first) + 1))
                else:
                    words.append(Word(first, start, start + len(first)))
                mstart = start + hyphen.start(2)
                words.append(Word(hyphen.group(2), mstart, start + len(token), marker="doped"))
            else:
                words.extend(_unglued(Word(token, start, start + len(token))))
        words.extend(trailing)
    return _charges_joined(words, text)


def _charges_joined(words: list[Word], text: str) -> list[Word]:
    """ "Er 3+" (a charge set off by a space) is one ion."""
    out: list[Word] = []
    for w in words:
        prev = out[-1] if out else None
        if (
            prev is not None
            and re.fullmatch(r"\d+[+-]", w.text)
            and prev.text in _SYMBOL_SET
            and w.start == prev.end + 1
            and not prev.marker
        ):
            out[-1] = Word(text[prev.start : w.end], prev.start, w.end)
        else:
            out.append(w)
    return out


def _unglued(word: Word) -> list[Word]:
    """ "(Ba,Sr)TiO3thin" -> "(Ba,Sr)TiO3", "thin": a form word glued to a formula by lost
    spacing (text taken from PDFs)."""
    m = re.fullmatch(r"(.+?[0-9)\]])([a-z]{4,})", word.text)
    if not m or m.group(2) not in _FORM_WORDS or not _is_formula(m.group(1)):
        return [word]
    cut = word.start + len(m.group(1))
    return [Word(m.group(1), word.start, cut), Word(m.group(2), cut, word.end)]


def _wrapped(token: str) -> bool:
    """True for "(Ba2+)" (the first bracket closes at the end), false for "(Ba,Sr)TiO3"."""
    depth = 0
    for k, char in enumerate(token):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return k == len(token) - 1
    return False


def _unbalanced_open(token: str) -> bool:
    pairs = {"(": ")", "[": "]", "{": "}"}
    opener = token[0]
    closer = pairs.get(opener)
    return closer is None or token.count(opener) > token.count(closer)


def _unbalanced_close(token: str) -> bool:
    closer = token[-1]
    opener = {")": "(", "]": "[", "}": "{"}[closer]
    return token.count(closer) > token.count(opener)


# ---------------------------------------------------------------------------------------------
# word classes


def _element_of(word: str) -> str | None:
    """The element a dopant word names: "Er3+" -> Er, "erbium" -> Er, "Erx" -> Er."""
    m = _ION.match(word)
    if m and m.group(1) in _SYMBOL_SET:
        return m.group(1)
    return ELEMENT_NAMES.get(word.lower().rstrip("-"))


def _is_formula(word: str) -> bool:
    core = re.sub(r"^(?:[αβγδεθ]|[a-z]{1,2}|\d+(?:\.\d+)?)-?(?=[A-Z(\[])", "", word)
    if not core or core[0] not in "([" and not core[0].isupper():
        return False
    if re.fullmatch(r"\(?[A-Z]{3,}\)?s?", core):  # "PBI", "BST": acronyms, not formulas
        return False
    pos, symbols = 0, []
    while pos < len(core):
        m = _FORMULA_PART.match(core, pos)
        if not m:
            return False
        if m.group()[0].isupper():
            if m.group() not in _SYMBOL_SET:
                return False
            symbols.append(m.group())
        pos = m.end()
    return len(symbols) >= 2 or (len(symbols) == 1 and bool(re.search(r"\d", core)))


def _is_acronym(word: str) -> bool:
    return (
        bool(re.fullmatch(r"[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*s?", word))
        and sum(c.isupper() for c in word) >= 2
        and word not in _NON_MATERIAL_ACRONYMS
        and not _is_formula(word)
    )


def _is_dopant_word(word: str) -> bool:
    low = word.lower().rstrip("-")
    return (
        _element_of(word) is not None
        or low in _GROUP_WORDS
        or (_is_formula(word) and len(word) <= 8)
    )


def _is_host_head(word: str) -> bool:
    return _is_formula(word) or _is_acronym(word) or word in _SYMBOL_SET


def _is_wordlike(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z\-]*", word))


def _chemical_name(phrase: list[Word]) -> bool:
    """ "lithium nickel manganese oxide": element names and chemical words, which may run on."""
    return all(
        w.text.lower() in ELEMENT_NAMES or _CHEMICAL_WORD.fullmatch(w.text.lower()) for w in phrase
    )


def _is_chemical_name(word: str) -> bool:
    """ "tristhioureazinc(II)sulphate", "bis-[triethoxysilylpropyl]", "poly(3-hexylthiophene)":
    a lower-case systematic name with brackets."""
    return bool(re.fullmatch(r"[a-z][a-z0-9,\-]*[\[(][A-Za-z0-9,\-]+[\])][a-z0-9\-]*", word))


# ---------------------------------------------------------------------------------------------
# statements


@dataclass(frozen=True)
class Mention:
    """A host or dopant as written. Offsets index the text given to ``find_dopings`` (or the
    spaCy Doc's text for ``link_dopings``)."""

    text: str
    start: int
    end: int
    elements: tuple[str, ...] = ()
    charge: int | None = None
    amount: float | None = None
    formula: str | None = None
    amount_text: str | None = None  # as written before the dopant: "5 mol%", "0.25"


def _amount_value(text: str) -> float | None:
    """Mol per formula unit only when written as a bare number or "x = 0.2" (not "5 mol%")."""
    m = re.fullmatch(r"(?:x\s*=\s*)?(\d+(?:\.\d+)?)(?:\s*mol)?", text.strip())
    return float(m.group(1)) if m else None


@dataclass(frozen=True)
class DopingStatement:
    host: Mention | None
    dopants: tuple[Mention, ...]
    phrasing: str
    site: str | None = None  # the replaced element when the text says so ("at the Li site")
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def complete(self) -> bool:
        """Host and at least one dopant: enough for a ``doping`` fact."""
        return self.host is not None and bool(self.dopants)

    def fact_dopants(self) -> tuple[Dopant, ...]:
        site = self.site if self.site in SITES else None
        out = []
        for mention in self.dopants:
            for element in mention.elements or (None,):
                if element is None:
                    continue
                out.append(Dopant(element, mention.text, site, mention.amount, mention.charge))
        return tuple(out)


def _mention(words: list[Word], text: str) -> Mention:
    start, end = words[0].start, words[-1].end
    written = text[start:end]
    elements: tuple[str, ...] = ()
    charge = None
    if len(words) == 1:
        parts = [_LEADING_AMOUNT.sub("", p) for p in re.split(r"[,/–\-\s=]+", written) if p]
        found = [_element_of(p) for p in parts]
        elements = tuple(e for e in found if e)
        m = _ION.match(written)
        if m and m.group(2) and m.group(2)[-1] in "+-":
            digits = m.group(2)[:-1]
            charge = int(digits or 1) * (1 if m.group(2)[-1] == "+" else -1)
    else:
        elements = tuple(e for w in words if (e := _element_of(w.text)))[-1:]
    formula = written if len(words) == 1 and _is_formula(written) else None
    return Mention(written, start, end, elements, charge, None, formula)


class _Reader:
    """One pass over one sentence's words."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _tokens(text)
        self.starts = [w.start for w in self.words]
        self.statements: list[DopingStatement] = []
        self.amounts: dict[int, str] = {}  # dopant start offset -> "5 mol%"

    # -- slots --------------------------------------------------------------------------------

    def host_after(self, i: int) -> list[Word] | None:
        """The host phrase starting at word ``i`` ("ZnO films" -> ZnO)."""
        words = self.words
        while i < len(words) and (
            words[i].text.lower() in _DETERMINERS | _INTENSITY
            or words[i].text.lower().startswith("as-")
            or words[i].text.lower() in ("undoped", "pure", "nominally")
        ):
            i += 1
        phrase: list[Word] = []
        while i < len(words) and (
            len(phrase) < 3 or (len(phrase) < 5 and _chemical_name([*phrase, words[i]]))
        ):
            w = words[i]
            low = w.text.lower()
            glued = re.match(r"^(.+?)-([a-z]+)$", w.text)
            if glued and _is_formula(glued.group(1)) and glued.group(2) != "based":
                # "K2ZnCl4-single" (but "ZnS-based phosphors" is named whole)
                w = Word(glued.group(1), w.start, w.start + len(glued.group(1)))
                phrase.append(w)
                break
            if ":" in w.text and not phrase:
                phrase.append(w)
                break
            if (
                w.marker
                or low in _STOP_WORDS | _NOT_HOSTS | _VERBS
                or (phrase and low.endswith("ed") and low not in ("reduced", "layered"))
                or not (
                    _is_wordlike(w.text)
                    or _is_host_head(w.text)
                    or _is_chemical_name(w.text)
                    or _slashed_host(w.text, after_word=bool(phrase))
                )
            ):
                break
            phrase.append(w)
            i += 1
            if _is_formula(w.text) and i < len(words) and re.fullmatch(r"\d+", words[i].text):
                phrase[-1] = Word(self.text[w.start : words[i].end], w.start, words[i].end)
                i += 1  # "TiO 2"
            if low in _FORM_WORDS | _GENERIC_HOSTS and low not in ("single", "thin", "quantum"):
                only_form = all(x.text.lower() in _FORM_WORDS for x in phrase)
                if not (only_form and len(phrase) == 1 and low in _FORM_WORDS):
                    break  # "composite maintains ..." -> composite; "fiber laser" goes on
        return self._trim_host(phrase)

    def alias_after(self, host: list[Word]) -> list[Word] | None:
        """ "ZnAl2O4 (gahnite)" / "Bi12TiO20 (BTO)": the name in brackets right after a host."""
        k = self._after(host[-1])
        words = self.words
        if k + 2 < len(words) and words[k].text == "(" and words[k + 2].text == ")":
            inner = words[k + 1]
            if _is_formula(inner.text) or re.fullmatch(r"[a-z]{4,}", inner.text):
                return [inner]
        return None

    def host_before(self, i: int) -> list[Word] | None:
        """The host phrase ending before word ``i`` ("CeOx layers doped with" -> CeOx)."""
        words = self.words
        j = i - 1
        while j >= 0 and (
            words[j].text.lower() in _ADVERBS
            or words[j].text.lower() in ("co-", "been", "have", "has")
        ):
            j -= 1
        # skip a parenthetical "(DLC)" and form words
        while j >= 0:
            if words[j].text == ")":
                k = j
                while k >= 0 and words[k].text != "(":
                    k -= 1
                j = k - 1
                continue
            if words[j].text.lower() in _FORM_WORDS | {"based"} and j > 0 and self._hosty(j - 1):
                j -= 1
                continue
            break
        phrase: list[Word] = []
        while j >= 0 and len(phrase) < 3:
            w = words[j]
            low = w.text.lower()
            if (
                w.marker
                or low in _STOP_WORDS | _DETERMINERS | _VERBS
                or not (_is_wordlike(w.text) or _is_host_head(w.text) or _is_chemical_name(w.text))
            ):
                break
            phrase.insert(0, w)
            if _is_host_head(w.text):
                # a formula/acronym head: take formula words before it, nothing else
                k = j - 1
                while k >= 0 and _is_formula(words[k].text):
                    phrase.insert(0, words[k])
                    k -= 1
                break
            j -= 1
        return self._trim_host(phrase)

    def _after(self, word: Word) -> int:
        """Index of the first word starting at or after the end of ``word``."""
        return bisect.bisect_left(self.starts, word.end)

    def _hosty(self, j: int) -> bool:
        w = self.words[j].text
        low = w.lower()
        return (
            w in (")", "based")
            or _is_host_head(w)
            or (_is_wordlike(w) and low not in _STOP_WORDS and low not in _DETERMINERS)
        )

    def _trim_host(self, phrase: list[Word]) -> list[Word] | None:
        if not phrase:
            return None
        if phrase[0].text.endswith("-based") and len(phrase) > 1:
            return phrase  # "ZnS-based electroluminescent fibers" is named as a whole
        heads = [k for k, w in enumerate(phrase) if _is_host_head(w.text)]
        if heads:
            k = heads[0]
            end = k + 1
            while end < len(phrase) and _is_formula(phrase[end].text):
                end += 1
            return phrase[k:end]
        while (
            len(phrase) > 1
            and phrase[-1].text.lower() in _FORM_WORDS
            and any(w.text.lower() not in _FORM_WORDS for w in phrase[:-1])
            and not _ADJECTIVE.fullmatch(phrase[-2].text.lower())  # "carbonaceous materials"
        ):
            phrase = phrase[:-1]
        if phrase[0].text.lower() in _VALENCE_WORDS | _NOT_HOSTS:
            return None
        return phrase

    def dopants_after(self, i: int, loose: bool = False, sites: bool = False) -> list[list[Word]]:
        """A list of dopants from word ``i``: "with 0.4 mol% of MnO", "with Ce, Eu and Tb".
        ``loose`` accepts a plain word as the first dopant ("doped with tetracene"); ``sites``
        accepts the replaced element of "replacing Li sites with Al"."""
        words = self.words
        items: list[list[Word]] = []
        while i < len(words):
            while i < len(words) and words[i].text.lower() in _DOPANT_FILLERS - {"mol", "at", "wt"}:
                i += 1
            amount_from = i
            while i < len(words) and (
                _AMOUNT.fullmatch(words[i].text)
                or words[i].text.lower() in ("mol", "at", "wt")
                or (  # "1, 3 and 5 at.% Ga", "2 to 8 mol% Er"
                    i > amount_from
                    and words[i].text.lower() in (",", "and", "or", "to")
                    and i + 1 < len(words)
                    and re.fullmatch(r"\d+(?:\.\d+)?%?", words[i + 1].text) is not None
                )
            ):
                i += 1
            if amount_from == i:
                amount_from = len(words)
            while i < len(words) and words[i].text.lower() in _DOPANT_FILLERS:
                i += 1
            if i >= len(words):
                break
            group, after = self._such_as(i)
            if group:
                items.append(group)  # "elements such as P, Sb and Bi": the group, then each
                i = after
                continue
            item = self._dopant_item(i, loose and not items, listed=bool(items))
            if item is None:
                break
            if amount_from < i:
                self.amounts[item[0].start] = self.text[words[amount_from].start : words[i - 1].end]
            nxt = self._after(item[-1])
            after = words[nxt].text.lower() if nxt < len(words) else ""
            if after in ("vacancy", "vacancies") or (after in ("site", "sites") and not sites):
                break  # "introducing Li vacancies", "the Li site": no dopant
            items.append(item)
            i = nxt
            # a parenthetical symbol or ion after a name: "barium (Ba2+)"
            if i + 2 < len(words) and words[i].text == "(" and words[i + 2].text == ")":
                if _is_dopant_word(words[i + 1].text):
                    items.append([words[i + 1]])
                i += 3
            if i < len(words) and words[i].text.lower() in _NOT_HOSTS:
                i += 1
            if i < len(words) and words[i].text in (",", "and", "or", "and/or", "&"):
                if i + 1 < len(words) and words[i + 1].text.lower() in _CLAUSE_OPENERS:
                    break  # "doped with Ga, the ZnO films ...": the list has ended
                i += 1
                if i < len(words) and words[i].text in ("and", "or"):
                    i += 1
                continue
            break
        return items

    def _placeholder(self, i: int) -> list[list[Word]]:
        """ "M-doped TiO2 (M = Fe, Co, Ni)": the symbol standing for the dopants, and what the
        bracket says it stands for (one mention, as written)."""
        if i == 0:
            return []
        symbol = self.words[i - 1]
        if not re.fullmatch(r"[A-Z]{1,2}", symbol.text) or symbol.text in _SYMBOL_SET:
            return []
        rest = self.text[self.words[i].end : self.words[i].end + 200]
        m = re.search(rf"\(\s*({re.escape(symbol.text)}\s*=\s*[^()]+?)\s*\)", rest)
        if not m or not any(_element_of(p) for p in re.split(r"[\s,=]+", m.group(1))):
            return []
        start = self.words[i].end + m.start(1)
        return [[symbol], [Word(m.group(1), start, start + len(m.group(1)))]]

    def _such_as(self, i: int) -> tuple[list[Word], int]:
        """ "(the V family) elements such as" from word ``i``: the group phrase and the index
        after "such as"; ([], i) when there is none."""
        words = self.words
        for k in range(i, min(i + 4, len(words) - 2)):
            low = words[k].text.lower()
            if low in _STOP_WORDS or not (_is_wordlike(words[k].text) or _ION.match(words[k].text)):
                break
            if (
                low in _GROUP_NOUNS
                and words[k + 1].text.lower() == "such"
                and words[k + 2].text.lower() == "as"
            ):
                start = i + 1 if words[i].text.lower() in _DETERMINERS else i
                return words[start : k + 1], k + 3
        return [], i

    def _dopant_item(self, i: int, loose: bool, listed: bool = False) -> list[Word] | None:
        words = self.words
        w = words[i]
        low = w.text.lower()
        if listed and w.text in _SYMBOL_SET:
            return [w]  # "Al, Ga and In": "In" is indium here
        if low in _VALENCE_WORDS and i + 1 < len(words):
            nxt = words[i + 1]
            if _element_of(nxt.text) or nxt.text.lower() in _GROUP_WORDS:
                return self._with_enumeration(i + 1, [w, nxt])
        if low in _GROUP_NOUNS and i > 0 and words[i - 1].text.lower() in _QUALIFIERS:
            return [words[i - 1], w]  # "doping with different elements"
        if low in _STOP_WORDS or low in _DETERMINERS:
            return None
        if _is_dopant_word(w.text):
            if i + 1 < len(words) and words[i + 1].text.lower() in _ANION_WORDS:
                return [w, words[i + 1]]  # "cerium nitrate"
            return self._with_enumeration(i, [w])
        if loose and (_CHEMICAL_WORD.fullmatch(w.text) or _is_acronym(w.text)):
            return [w]  # "doped with tetracene", "doped with MOFs"
        return None

    def _with_enumeration(self, i: int, item: list[Word]) -> list[Word]:
        """ "lanthanide ions (Lu3+, La3+, Tb3+)", "Ln3+ (Ln3+ = Lu3+, La3+)": a group dopant and
        the elements it stands for, one mention."""
        words = self.words
        if words[i].text.lower().rstrip("s") not in _GROUP_WORDS | {"lanthanide", "ln3+"}:
            return item
        k = i + 1
        if k < len(words) and words[k].text.lower() in ("ions", "ion", "cations"):
            k += 1
        if k < len(words) and words[k].text == "(":
            close = next(
                (m for m in range(k, min(k + 12, len(words))) if words[m].text == ")"), None
            )
            inner = words[k + 1 : close] if close else []
            if inner and any(_element_of(x.text) for x in inner):
                return [*item, *words[i + 1 : close + 1]]
        return item

    def dopants_before(self, i: int) -> list[list[Word]]:
        """Dopants ending before word ``i``: "Pt and Sn doped", "nitrogen (N) and nickel (Ni)"."""
        words = self.words
        items: list[list[Word]] = []
        j = i - 1
        if j > 0 and words[j].text.lower() in ("element", "elements", "atoms", "ions", "ion"):
            j -= 1
        while j >= 0:
            if words[j].text == ")":
                k = j - 1
                while k >= 0 and words[k].text != "(" and j - k < 8:
                    k -= 1
                inner = [w for w in words[k + 1 : j] if w.text not in (",", "and", "/")]
                if k < 0 or words[k].text != "(" or not inner:
                    break
                if all(_is_dopant_word(w.text) for w in inner):  # "(N)", "(Al, Ga) doped"
                    items[0:0] = [[w] for w in inner]
                j = k - 1
                continue
            w = words[j]
            if (
                items
                and _is_formula(w.text)
                and not _element_of(w.text)
                and not any(_is_formula(x[-1].text) for x in items)
            ):
                break  # "MgO and lithium-doped MgO": MgO is no dopant of the second MgO
            if not (_is_dopant_word(w.text) or self._compound_dopant(j) or _split_elements(w)):
                break
            item = [w]
            if j > 0 and words[j - 1].text.lower() in _VALENCE_WORDS:
                item.insert(0, words[j - 1])
                j -= 1
            elif (
                j > 0
                and w.text.lower() in ("acid", "acids")
                and re.fullmatch(r"[A-Za-z][a-z]+ic", words[j - 1].text)
            ):
                item.insert(0, words[j - 1])  # "phosphoric acid-doped PBI"
                j -= 1
            pieces = _split_elements(w)
            if pieces and len(item) == 1:
                items[0:0] = [[p] for p in pieces]
            else:
                items.insert(0, item)
            j -= 1
            if j >= 0 and words[j].text in (",", "and", "or", "and/or", "/", "&", "-"):
                j -= 1
                while j >= 0 and words[j].text in (",", "-"):
                    j -= 1  # "Nb-, Al-, and Ta-doped"
                continue
            break
        return items

    def _compound_dopant(self, j: int) -> bool:
        """A non-element dopant written right before "-doped" ("EDTA-doped", "NbF5-doped")."""
        w = self.words[j]
        nxt = self.words[j + 1] if j + 1 < len(self.words) else None
        return (
            nxt is not None
            and nxt.marker == "doped"
            and self.text[w.end : nxt.start] == "-"
            and bool(re.fullmatch(r"[A-Za-z0-9()+\-]{2,}", w.text))
            and w.text.lower() not in _STOP_WORDS
        )

    # -- phrasings ----------------------------------------------------------------------------

    def add(
        self,
        host: list[Word] | None,
        dopants: list[list[Word]],
        phrasing: str,
        site: str | None = None,
    ) -> None:
        if host is None and not dopants:
            return
        hosts: list[list[Word] | None] = [host]
        if host is not None:
            alias = self.alias_after(host)
            hosts += [alias] if alias else []
        for one in hosts:
            self.statements.append(
                DopingStatement(
                    _mention(one, self.text) if one else None,
                    tuple(self._dopant_mention(d) for d in dopants),
                    phrasing,
                    site,
                )
            )

    def _dopant_mention(self, words: list[Word]) -> Mention:
        mention = _mention(words, self.text)
        amount = self.amounts.get(words[0].start)
        if amount is None:
            return mention
        return Mention(
            mention.text,
            mention.start,
            mention.end,
            mention.elements,
            mention.charge,
            _amount_value(amount),
            mention.formula,
            amount,
        )

    def read(self) -> list[DopingStatement]:
        words = self.words
        for i, w in enumerate(words):
            low = w.text.lower()
            if low in _ACTION_NOUNS:
                self._doping_of(i)
            elif re.fullmatch(r"(?:co|tri|dual)-?doping", low):
                self._doping_of(i)
            elif low in ("replacing", "replacement", "substituting"):
                self._replacing(i)
            elif low in ("substitutes", "substitute", "replaces", "replace", "occupies", "occupy"):
                self._occupying(i)
            elif w.marker == "doped":
                self._at_marker(i, low)
            elif (
                low in ("introduced", "embedded", "implanted")
                and i + 1 < len(words)
                and words[i + 1].text in ("into", "in")
            ):
                self._at_marker(i, low)  # "Nitrogen was introduced into the graphene lattice"
            elif ":" in w.text and not w.text.endswith(":"):
                self._colon(i)
            elif low in ("dopant", "dopants"):
                self._dopant_noun(i)
            elif low in ("in", "into") and i > 0:
                self._ion_in(i)
            elif low in ("with", "containing") and i > 0:
                self._host_with(i)
            elif low in ("at", "on") and i > 0:
                self._ion_at_site(i)
        return self.statements

    def _ion_in(self, i: int) -> None:
        """ "Eu2+ in SrAl2O4", "Er3+ ions in NaYF4", "the Mn2+ content in ZnGa2O4": a charged ion
        (or "X ions") placed in a host formula or acronym it is not a constituent of."""
        words = self.words
        j = i
        while j > 0 and words[j - 1].text.lower() in _ION_NOUNS:
            j -= 1
        named_ions = j < i and words[j].text.lower() in ("ion", "ions", "cations")
        dopants = self.dopants_before(j)
        if not dopants or any(
            len(d) != 1 or not (_charged(d[0].text) or named_ions) for d in dopants
        ):
            return
        host = self.host_after(i + 1)
        if not host or not (_is_formula(host[0].text) or _is_acronym(host[0].text)):
            return
        if any(_constituent(_element_of(d[0].text), host[0].text) for d in dopants):
            return
        if self._already_read(dopants):
            return
        self.add(host, dopants, "A in H")

    def _ion_at_site(self, i: int) -> None:
        """ "Ga3+ at the Li site of LLZO", "Ta5+ on Zr sites in LLZO": a charged ion placed on a
        lattice site of a host formula or acronym it is not a constituent of."""
        dopants = self.dopants_before(i)
        if not dopants or any(len(d) != 1 or not _charged(d[0].text) for d in dopants):
            return
        site, j = self._site_at(i)
        host = self._host_of(j) if site else None
        if not host or not (_is_formula(host[0].text) or _is_acronym(host[0].text)):
            return
        if any(_constituent(_element_of(d[0].text), host[0].text) for d in dopants):
            return
        if self._already_read(dopants):
            return
        self.add(host, dopants, "A at the B site of H", site)

    def _host_with(self, i: int) -> None:
        """ "ZnO nanorods with 5 at% Al", "TiO2 containing 1 wt% Nb": a host formula or acronym
        with an amount of a foreign element (without the amount, "with" says nothing of doping)."""
        words = self.words
        if i + 1 >= len(words) or not re.search(r"\d", words[i + 1].text):
            return
        if not _AMOUNT.fullmatch(words[i + 1].text):
            return
        host = self.host_before(i)
        if not host or not (_is_formula(host[0].text) or _is_acronym(host[0].text)):
            return
        before = len(self.amounts)
        dopants = self.dopants_after(i + 1)
        if len(self.amounts) == before or not dopants:
            return  # the number was no amount of the dopant ("with 3 layers")
        nxt = self._after(dopants[-1][-1])
        if nxt < len(words) and (words[nxt].marker or words[nxt].text.lower() in _ACTION_NOUNS):
            return  # "with 10% Gd doping": read at "doping"
        if any(
            not _element_of(d[0].text) or _constituent(_element_of(d[0].text), host[0].text)
            for d in dopants
        ):
            return
        if self._already_read(dopants):
            return
        self.add(host, dopants, "H with x A")

    def _already_read(self, dopants: list[list[Word]]) -> bool:
        return any(
            m.start < d[-1].end and d[0].start < m.end
            for s in self.statements
            for m in s.dopants
            for d in dopants
        )

    def _at_marker(self, i: int, low: str) -> None:
        words = self.words
        nxt = words[i + 1].text.lower() if i + 1 < len(words) else ""
        if low.startswith("un"):
            return
        if nxt not in ("with", "by") and i + 2 < len(words) and words[i + 2].text == "with":
            host = self.host_after(i + 1)
            after = self.dopants_after(i + 3, loose=True)
            if host and len(host) == 1 and _is_host_head(host[0].text) and after:
                if not self.dopants_before(i):
                    self.add(host, after, "doped H with A")  # "we doped TiO2 with nitrogen"
                    return
        if nxt in ("with", "by"):
            # "H (was) doped with A, B and C"
            dopants = self.dopants_after(i + 2, loose=True)
            host = self.host_before(i)
            if host is None and self.statements and words[i - 1].text.lower() in ("and", ","):
                last = self.statements[-1].host  # "doped with A, and co-doped with B"
                if last is not None:
                    self.statements.append(
                        DopingStatement(
                            last, tuple(self._dopant_mention(d) for d in dopants), "H doped with A"
                        )
                    )
                    return
            site, after = self._site_at(self._after(dopants[-1][-1])) if dopants else (None, 0)
            k = self._skip_back(i) - 1
            if (
                k >= 1
                and words[k].text.lower() in ("site", "sites")
                and _ION.match(words[k - 1].text)
                and _element_of(words[k - 1].text)
            ):
                # "The Zr site was partially substituted by Nb in LLZO"
                site = _element_of(words[k - 1].text)
                host = self._host_of(self._after(dopants[-1][-1])) if dopants else None
            elif host is None and site and after:
                host = self._host_of(after)  # "LLZO doped with Ga on the Li site of ..."
            elif host is None and dopants and self._opens_sentence(i):
                comma = self._after(dopants[-1][-1])  # "Doped with Ga, the ZnO films ..."
                if comma < len(words) and words[comma].text == ",":
                    host = self.host_after(comma + 1)
            for extra in self.coordinated_before(host):
                self.add(extra, dopants, "H doped with A", site)
            self.add(host, dopants, "H doped with A", site)
            return
        if nxt == "for" and low.startswith("substitut"):
            # "Mg2+ was substituted for Ca2+ in hydroxyapatite"
            dopants = self.dopants_before(self._skip_back(i))
            replaced = self.dopants_after(i + 2, sites=True)
            if dopants and replaced:
                j = self._after(replaced[-1][-1])
                if j < len(words) and words[j].text.lower() in ("site", "sites", "ions", "ion"):
                    j += 1
                site = _element_of(replaced[0][-1].text)
                self.add(self._host_of(j), dopants, "A substituted for B in H", site)
            return
        if nxt in ("into", "in") and not low.endswith("doping"):
            # "cobalt doped into H", "N was doped into the TiO 2 lattice"
            dopants = self.dopants_before(self._skip_back(i))
            if dopants or words[i].marker:  # "embedded in": only with a dopant before it
                self.add(self.host_after(i + 2), dopants, "A doped into H")
            return
        dopants = self.dopants_before(i) or self._placeholder(i)
        group, listed = self._such_as(i + 1)
        if not dopants and group:
            # "alloys with doped elements such as Bi and Sb": the listed elements
            dopants = self.dopants_after(listed)
            host = self.host_before(i - 1) if i > 0 and words[i - 1].text == "with" else None
            self.add(host, dopants, "doped elements such as A")
            return
        nxt_word = words[i + 1].text if i + 1 < len(words) else ""
        if not dopants and _ION.match(nxt_word) and nxt_word not in _ELEMENTAL_HOSTS:
            if _element_of(nxt_word):  # "the doped B", "doped Mn2+ ions": a dopant, no host
                self.add(None, [[words[i + 1]]], "doped A")
                return
        site, after = self._site_at(i + 1)
        if site is not None:
            if not dopants and after < len(words) and words[after].text.lower() in ("with", "by"):
                # "LiFePO4 was doped at the Fe site with V"
                self.add(self.host_before(i), self.dopants_after(after + 1), "H doped with A", site)
                return
            # "Al3+ doped at the Li site of LLZO"
            self.add(self._host_of(after), dopants, "A doped at the B site of H", site)
            return
        host = self.host_after(i + 1)
        later = i
        while host is None and later + 1 < len(words) and words[later + 1].text in _JOINERS:
            # "Fe-doped and Co-doped TiO2", "Cu-doped, Ag-doped and Au-doped ZnO"
            later = next(
                (k for k in range(later + 2, min(later + 6, len(words))) if words[k].marker), None
            )
            if later is None:
                break
            host = self.host_after(later + 1)
        colon_dopants: list[list[Word]] = []
        if host and len(host) == 1 and ":" in host[0].text:
            host, colon_dopants = self._split_colon(host[0])
        self.add(host, dopants + colon_dopants, "A-doped H")

    def _opens_sentence(self, i: int) -> bool:
        """ "Doped with Ga, ...", "When co-doped with Ga, ...": word ``i`` opens the sentence."""
        j = self._skip_back(i)
        return j == 0 or (j == 1 and self.words[0].text.lower() in _MEANS | {"when", "once", "if"})

    def _skip_back(self, i: int) -> int:
        """Index after the dopant of "N was (successfully) doped": skip auxiliaries backwards."""
        j = i
        while j > 0 and self.words[j - 1].text.lower() in _ADVERBS:
            j -= 1
        return j

    def coordinated_before(self, host: list[Word] | None) -> list[list[Word]]:
        """ "CaF2 and SrF2 that have been doped": the formulas joined to ``host`` by "and"/","."""
        if not host or not _is_formula(host[0].text):
            return []
        out = []
        k = self._after(host[0]) - 2
        while k >= 1 and self.words[k].text in ("and", ",") and _is_formula(self.words[k - 1].text):
            out.insert(0, [self.words[k - 1]])
            k -= 2
        return out

    def _doping_of(self, i: int) -> None:
        """ "doping of A into H", "A doping in H", "incorporation of A in H", "introducing A into
        H", "the substitution of B by A in H", "doping A into H", "HNO3 doping treatment for H"."""
        words = self.words
        low = words[i].text.lower()
        w_end = words[i].end
        j = i + 1
        while j < len(words) and words[j].text.lower() in _DOPING_NOUNS:
            j += 1
        dopants = self.dopants_before(i)
        if not dopants and low.endswith("doping"):
            k = j + 1 if j < len(words) and words[j].text.lower() == "of" else j
            host = self.host_after(k) if k < len(words) else None
            end = self._after(host[-1]) if host else k
            while end < len(words) and words[end].text.lower() in _FORM_WORDS:
                end += 1
            if host and end < len(words) and words[end].text == "with":
                # "Doping ZnO with Ga improves ...", "doping of GaN films with Mg"
                self.add(host, self.dopants_after(end + 1, loose=True), "doping H with A")
                return
        if not dopants and low != "substitution":
            if j + 1 < len(words) and words[j].text.lower() in ("it", "them"):
                j += 1  # "doping it with aluminum": the host is the sentence's
            if j < len(words) and words[j].text.lower() in ("of", "with", "using"):
                j += 1
            dopants = self.dopants_after(j)
            if dopants:
                j = self._after(dopants[-1][-1])
            elif j < len(words) and words[j].text.lower() in _GROUP_NOUNS:
                dopants, j = [[words[j]]], j + 1  # "doping elements in organic semiconductors"
        site = None
        if low == "substitution":
            if j < len(words) and words[j].text.lower() == "of":
                replaced = self.dopants_after(j + 1, sites=True)
                if replaced:
                    j = self._after(replaced[-1][-1])
                if j < len(words) and words[j].text.lower() in ("by", "with"):
                    site = _element_of(replaced[0][-1].text) if replaced else None
                    dopants = self.dopants_after(j + 1)
                    if dopants:
                        j = self._after(dopants[-1][-1])
                elif j < len(words) and words[j].text.lower() in ("at", "on") and replaced:
                    dopants = replaced  # "substitution of Nb at the Zr site of LLZO"
                elif j < len(words) and words[j].text.lower() == "for" and replaced:
                    dopants = replaced  # "substitution of A for B"
                    more = self.dopants_after(j + 1)
                    site = _element_of(more[0][-1].text) if more else None
                    j = self._after(more[-1][-1]) if more else j
        if low == "substitution" and dopants and site is None and j < len(words):
            if words[j].text.lower() == "for":  # "F- substitution for O2- in LLZO"
                replaced = self.dopants_after(j + 1, sites=True)
                if replaced:
                    site = _element_of(replaced[0][-1].text)
                    j = self._after(replaced[-1][-1])
                    if j < len(words) and words[j].text.lower() in ("site", "sites"):
                        j += 1
        at_site, after = self._site_at(j)
        if at_site:
            site, j = site or at_site, after
        if site is None and i > 0:
            glued = re.fullmatch(r"([A-Z][a-z]?)-sites?", words[i - 1].text)  # "Li-site doping"
            site = glued.group(1) if glued and glued.group(1) in _SYMBOL_SET else None
        while j < len(words) and words[j].text.lower() in _NOT_HOSTS | _DOPING_NOUNS:
            j += 1
        host = None
        adding = low in ("addition", "adding")  # "addition of Mg to LiFePO4": both or nothing
        into = ("in", "into", "of", "for", "to") if adding else ("in", "into", "of", "for")
        if j < len(words) and words[j].text.lower() in into:
            host = self.host_after(j + 1)
            if host and host[-1].text.lower() == "site":
                host = None
            if adding and host and not _is_host_head(host[0].text):
                host = None
        opening = i == 1 or (  # "By doping with Mn, ..." / "Through Al doping, ..."
            dopants and self.starts.index(dopants[0][0].start) == 1 and dopants[-1][-1].end < w_end
        )
        if host is None and dopants and opening and words[0].text.lower() in _MEANS:
            # "By doping with Mn, ZnS nanocrystals emit ...": the host opens the main clause
            last = dopants[-1][0]
            k = bisect.bisect_left(self.starts, last.start)
            if len(dopants) > 1 and words[k - 1].text == "," and _is_host_head(last.text):
                dopants, j = dopants[:-1], k - 1  # the list ended at the comma
            if j < len(words) and words[j].text == ",":
                host = self.host_after(j + 1)
        if adding and i > 0 and words[i - 1].text.lower() == "in":
            return  # "In addition, ..."
        if adding and not host and not all(len(d) == 1 and _element_of(d[0].text) for d in dopants):
            return  # "the addition of HCl": no dopant named
        if dopants or host:
            self.add(host, dopants, f"{low} of A in H", site)

    def _replacing(self, i: int) -> None:
        """ "replacing Zr with Ta (in H)", "replacement of La by Sr", "Ta substituting (for) Zr"."""
        words = self.words
        low = words[i].text.lower()
        j = i + 1
        if low == "substituting":
            dopants = self.dopants_before(i)
            if j < len(words) and words[j].text.lower() == "for":
                j += 1
            replaced = self.dopants_after(j)
        else:
            if low == "replacement" and j < len(words) and words[j].text.lower() == "of":
                j += 1
            replaced = self.dopants_after(j, sites=True)
            if not replaced:
                return
            j = self._after(replaced[-1][-1])
            if j < len(words) and words[j].text.lower() in ("site", "sites"):
                j += 1
            if j >= len(words) or words[j].text.lower() not in ("with", "by"):
                return
            dopants = self.dopants_after(j + 1)
        if not dopants or not replaced:
            return
        j = max(j, self._after(dopants[-1][-1]), self._after(replaced[-1][-1]))
        host = None
        if j < len(words) and words[j].text.lower() in ("in", "of"):
            host = self.host_after(j + 1)
        self.add(host, dopants, "replacing B with A", _element_of(replaced[0][-1].text))

    def _site_at(self, j: int) -> tuple[str | None, int]:
        """ "at the Li site", "on Zr4+ sites", "at the Li-site" from word ``j``: the replaced
        element and the index after the phrase; (None, j) when there is none."""
        words = self.words
        k = j
        if k >= len(words) or words[k].text.lower() not in ("at", "on", "in", "into", "for"):
            return None, j
        k += 1
        if k < len(words) and words[k].text.lower() == "the":
            k += 1
        if k < len(words):
            glued = re.fullmatch(r"([A-Z][a-z]?)\d*[+-]?-sites?", words[k].text)
            if glued and glued.group(1) in _SYMBOL_SET:
                return glued.group(1), k + 1
            element = _element_of(words[k].text) if _ION.match(words[k].text) else None
            if element and k + 1 < len(words) and words[k + 1].text.lower() in ("site", "sites"):
                return element, k + 2
        return None, j

    def _host_of(self, j: int) -> list[Word] | None:
        """The host after "in"/"of" at word ``j`` ("... in LLZO", "... of Li7La3Zr2O12")."""
        words = self.words
        if j < len(words) and words[j].text.lower() in ("in", "into", "of"):
            host = self.host_after(j + 1)
            if host and host[-1].text.lower() not in ("site", "sites"):
                return host
        return None

    def _occupying(self, i: int) -> None:
        """ "Ta5+ substitutes (for) Zr4+ in LLZO", "Al replaces Li", "Ga3+ occupies the Li sites
        of LLZO"."""
        words = self.words
        dopants = self.dopants_before(self._skip_back(i))
        if not dopants:
            return
        j = i + 1
        while j < len(words) and words[j].text.lower() in ("for", "the", "partially", "mainly"):
            j += 1
        replaced = self.dopants_after(j, sites=True)
        if not replaced:
            return
        j = self._after(replaced[-1][-1])
        if j < len(words) and words[j].text.lower() in ("site", "sites"):
            j += 1
        site = _element_of(replaced[0][-1].text)
        self.add(self._host_of(j), dopants, "A substitutes for B in H", site)

    def _dopant_noun(self, i: int) -> None:
        """ "Ga dopant in Ge", "Mn dopants in Bi12TiO20", "EDTA dopant"."""
        words = self.words
        if i + 3 < len(words) and [w.text.lower() for w in words[i + 1 : i + 3]] == ["such", "as"]:
            listed = self.dopants_after(i + 3)  # "Dopants such as Al and Ga (in ZnO)"
            if listed:
                self.add(self._host_of(self._after(listed[-1][-1])), listed, "dopants such as A")
            return
        if i == 0:
            return
        dopants = self.dopants_before(i)
        named = words[i - 1]
        if not dopants and (_is_acronym(named.text) or (_CHEMICAL_WORD.fullmatch(named.text))):
            dopants = [[named]]  # "EDTA dopant", "benzene dopants", "organic dopants"
        if not dopants:
            dopants = self._as_dopant(i)  # "Tin as an n-type dopant"
        if not dopants and named.text.lower() in _DOPANT_KINDS:
            dopants = [[named]]  # "organic dopants on ZTS crystals", "magnetic dopants in Bi2Se3"
        after = i + 1
        if not dopants and after < len(words) and _ION.match(words[after].text):
            dopants = self.dopants_after(after)  # "the dopant Ga occupies ..."
            if dopants:
                after = self._after(dopants[-1][-1]) - 1
                i = after
        host = None
        if i + 1 < len(words) and words[i + 1].text.lower() in ("in", "into", "for", "on"):
            host = self.host_after(i + 2)
            named_host = host and (_is_host_head(host[0].text) or _is_chemical_name(host[0].text))
            if host and (not named_host or _charged(host[0].text)):
                host = None  # "dopant in the molecular beam epitaxial growth", "dopant for Mg2+"
        if dopants:
            self.add(host, dopants, "A dopant in H")

    def _as_dopant(self, i: int) -> list[list[Word]]:
        """ "Tin as an n-type dopant", "Mg as a dopant": the word before "as"."""
        words = self.words
        k = i - 1
        while k > i - 4 and k >= 0 and words[k].text.lower() != "as":
            k -= 1
        if k >= 1 and words[k].text.lower() == "as":
            if words[k - 1].text.lower() in _AS_VERBS:
                k = self._skip_back(k - 1)  # "Tin acts as a dopant", "Mg was used as a dopant"
            return self.dopants_before(k)
        return []

    def _split_colon(self, word: Word) -> tuple[list[Word] | None, list[list[Word]]]:
        """ "ZnO:Al" / "LiNbO3:Mg,Fe" / "Nd:YAG" / "Dy:Er:YAG" / "Ge:B" / "BaI2:CsPbI2Br"."""
        text = re.sub(r"-[a-z]+$", "", word.text)  # "Ge:B-blocked"
        parts, pos = [], word.start
        for piece in text.split(":"):
            amount = _LEADING_AMOUNT.match(piece)  # "Y2O3:5%Eu3+": the dopant is Eu3+
            skip = amount.end() if amount and amount.end() < len(piece) else 0
            if piece[skip:]:
                parts.append(Word(piece[skip:], pos + skip, pos + len(piece)))
            pos += len(piece) + 1
        if len(parts) < 2:
            return None, []
        dopant_like = [p for p in parts if _dopant_part(p.text)]
        others = [p for p in parts if p not in dopant_like]
        if not others and len(parts) == 2 and parts[0].text in _ELEMENTAL_HOSTS:
            host, dopants = parts[0], [parts[1]]  # "Ge:B", "Si:P"
        elif (
            len(parts) == 2
            and dopant_like == [parts[0]]
            and re.fullmatch(r"[a-z]{4,}", parts[1].text)
        ):
            host, dopants = parts[1], [parts[0]]  # "Ti:sapphire", "Nd:glass"
        elif len(others) == 1 and _is_host_head(others[0].text):
            host, dopants = others[0], dopant_like
        elif len(others) == 2 and not dopant_like and all(_is_formula(p.text) for p in others):
            host = max(others, key=lambda p: len(set(re.findall(r"[A-Z][a-z]?", p.text))))
            dopants = [p for p in others if p is not host]  # "BaI2:CsPbI2Br", not "LiCl:KCl"
            if len(set(re.findall(r"[A-Z][a-z]?", host.text))) < 3 or any(
                len(set(re.findall(r"[A-Z][a-z]?", d.text))) > 2 for d in dopants
            ):
                return None, []
        else:
            return None, []
        return [host], [[d] for d in dopants]

    def _colon(self, i: int) -> None:
        """ "ZnO:Al", "SrTiO3:Tb3+", "Nd:YAG", "Dy:Er:YAG", "LiNbO3:Mg,Fe"."""
        if i > 0 and self.words[i - 1].marker == "doped":
            return  # read as the host of "A-doped H:B"
        host, dopants = self._split_colon(self.words[i])
        if host:
            self.add(host, dopants, "H:A")


def _slashed_host(word: str, after_word: bool = False) -> bool:
    """ "TiO2/graphene", "Fe/MgO": a composite whose parts are materials or plain words, led by
    a formula or acronym, or inside a name already begun ("Bismuth Ferrite/Zinc Oxide")."""
    parts = word.split("/")
    return (
        len(parts) == 2  # "Ge/Fe3Si/p-Ge/Al" is a stack of layers, not one host
        and (_is_host_head(parts[0]) or (after_word and _is_wordlike(parts[0])))
        and all(_is_host_head(p) or _is_wordlike(p) for p in parts[1:])
    )


def _charged(word: str) -> bool:
    """ "Eu3+", "Mn2+", "F-": an ion written with its charge."""
    m = _ION.match(word)
    return bool(m and m.group(2) and m.group(2)[-1] in "+-" and _element_of(word))


def _constituent(element: str | None, host: str) -> bool:
    """True when ``element`` may be part of ``host`` itself rather than added to it: one of the
    formula's elements, or, for an acronym, an element whose initial the acronym has ("Li" and
    "LLZO")."""
    if element is None or element == "H":
        return True
    if _is_formula(host):
        return element in re.findall(r"[A-Z][a-z]?", host)
    return element[0] in host


def _dopant_part(text: str) -> bool:
    pieces = [_LEADING_AMOUNT.sub("", p) for p in re.split(r"[,/]", text) if p]
    return bool(pieces) and all(
        (_ION.match(p) and _element_of(p)) or p.lower() in _GROUP_WORDS for p in pieces
    )


def _split_elements(word: Word) -> list[Word]:
    """ "N–B–F" / "Tb3+,Eu3+" -> N, B, F (each a dopant); [] when ``word`` is no such chain."""
    pieces = re.split(r"([–/,])", word.text)
    symbols = pieces[::2]
    if len(symbols) < 2 or not all(_ION.match(s) and _element_of(s) for s in symbols):
        return []
    out, pos = [], word.start
    for k, piece in enumerate(pieces):
        if k % 2 == 0:
            out.append(Word(piece, pos, pos + len(piece)))
        pos += len(piece)
    return out


def find_dopings(text: str, known_hosts: Sequence[str] = ()) -> list[DopingStatement]:
    """Doping statements of one sentence of plain text (see the module docstring).

    ``known_hosts``: hosts named earlier in the same text (title, previous sentences); a dopant
    read without a host takes the one of them this sentence names again ("Tin as a dopant in the
    growth of GaAs(111)A" after a sentence on tin-doped GaAs)."""
    reader = _Reader(text)
    statements = reader.read()
    statements += _spaced_colon(text, statements)
    return _lone_host(reader, _known_host(reader, statements, known_hosts))


def _known_host(
    reader: _Reader, statements: list[DopingStatement], known_hosts: Sequence[str]
) -> list[DopingStatement]:
    """Hostless statements take the one earlier host written again in this sentence."""
    if not any(s.host is None and s.dopants for s in statements):
        return statements
    dopant_spans = [(d.start, d.end) for s in statements for d in s.dopants]
    found: dict[str, Word] = {}
    for known in dict.fromkeys(known_hosts):
        if not (_is_formula(known) or _is_acronym(known)):
            continue  # "films", "samples": too vague to find again
        for w in reader.words:
            rest = w.text[len(known) :]
            if w.text.startswith(known) and (not rest or rest[0] in "(:"):
                if not any(a < w.end and w.start < b for a, b in dopant_spans):
                    whole = rest[:1] == "("  # "GaAs(111)A" is written as one host
                    found[w.text if whole else known] = Word(
                        w.text if whole else known,
                        w.start,
                        w.end if whole else w.start + len(known),
                    )
    if len(found) != 1:
        return statements
    ((_, word),) = found.items()
    mention = _mention([word], reader.text)
    return [
        DopingStatement(mention, s.dopants, s.phrasing + " (earlier host)", s.site)
        if s.host is None and s.dopants
        else s
        for s in statements
    ]


def _lone_host(reader: _Reader, statements: list[DopingStatement]) -> list[DopingStatement]:
    """Dopants without a host ("The N doping leaded to more defects in TiO 2") take the
    sentence's host when it names exactly one formula and no statement has a host."""
    if not statements or any(s.host is not None for s in statements):
        return statements
    dopant_starts = {d.start for s in statements for d in s.dopants}
    words = reader.words
    formulas = [
        k
        for k, w in enumerate(words)
        if _is_formula(w.text) and not _element_of(w.text) and w.start not in dopant_starts
    ]
    if len({words[k].text for k in formulas}) != 1:
        return statements
    k = formulas[0]
    host = [words[k]]
    if k + 1 < len(words) and re.fullmatch(r"\d+", words[k + 1].text):
        host = [
            Word(reader.text[words[k].start : words[k + 1].end], words[k].start, words[k + 1].end)
        ]
    mention = _mention(host, reader.text)
    return [
        DopingStatement(mention, s.dopants, s.phrasing + " (sentence host)", s.site)
        for s in statements
    ]


def _spaced_colon(text: str, found: list[DopingStatement]) -> list[DopingStatement]:
    """ "ZnO : Eu", "BTO: Mn", "β-NaYF4: 20% Er3+" (the colon set off by spaces)."""
    out = []
    for m in re.finditer(
        r"(\S+?)\s*:\s+(?:\d+(?:\.\d+)?\s*(?:mol)?%\s*)?(\S+?)(?=[\s,;.)]|$)", text
    ):
        host, dopant = m.group(1).lstrip("(["), m.group(2)
        if not (_is_host_head(host) and _element_of(dopant)):
            continue
        hstart = m.start(1) + (len(m.group(1)) - len(host))
        statement = DopingStatement(
            Mention(host, hstart, hstart + len(host), formula=host if _is_formula(host) else None),
            (_mention([Word(dopant, m.start(2), m.end(2))], text),),
            "H : A",
        )
        if all(s.host is None or s.host.start != hstart for s in found):
            out.append(statement)
    return out


def link_dopings(sent_doc: Any, learned: bool = True) -> list[DopingStatement]:
    """Doping statements of a spaCy sentence (``Doc`` or ``Span``), offsets in the Doc's text.

    Where a recogniser span (``llzo_material``/``llzo_dopant``) covers a host or dopant, its
    formula, element, charge, amount and site are used. ``learned``: add what the shipped
    doping model finds and the rules do not (``doping_model.combine``, decision 0403)."""
    base = getattr(sent_doc, "start_char", 0)
    doc = getattr(sent_doc, "doc", sent_doc)
    materials = list(doc.spans.get("llzo_material", [])) if hasattr(doc, "spans") else []
    dopant_spans = list(doc.spans.get("llzo_dopant", [])) if hasattr(doc, "spans") else []
    statements = find_dopings(sent_doc.text)
    if learned:
        # imported here: the model module builds on this one, and its weights load lazily
        from miner.doping_model import combine, tag

        statements = combine(sent_doc.text, statements, tag(sent_doc.text, statements))
    out = []
    for statement in statements:
        host = statement.host and _shift(statement.host, base)
        if host is not None:
            span = _covering(materials, host)
            if span is not None and span._.formula:
                host = Mention(
                    host.text, host.start, host.end, host.elements, None, None, span._.formula
                )
        dopants = []
        site = statement.site
        for mention in statement.dopants:
            mention = _shift(mention, base)
            span = _covering(dopant_spans, mention)
            if span is not None and span._.element and len(mention.elements) <= 1:
                mention = Mention(
                    mention.text,
                    mention.start,
                    mention.end,
                    (span._.element,),
                    span._.charge if span._.charge is not None else mention.charge,
                    span._.amount if span._.amount is not None else mention.amount,
                    None,
                    mention.amount_text,
                )
                site = site or span._.site
            dopants.append(mention)
        out.append(DopingStatement(host, tuple(dopants), statement.phrasing, site))
    return out


def _shift(mention: Mention, base: int) -> Mention:
    return Mention(
        mention.text,
        mention.start + base,
        mention.end + base,
        mention.elements,
        mention.charge,
        mention.amount,
        mention.formula,
    )


def _covering(spans: list[Any], mention: Mention) -> Any:
    for span in spans:
        if span.start_char <= mention.start and mention.end <= span.end_char:
            return span
        if mention.start <= span.start_char and span.end_char <= mention.end:
            return span
    return None
