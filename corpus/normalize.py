"""Normalise text to the conventions in ``corpus/document.py`` while keeping the chemistry.

``normalize_text`` turns one string into normalised text (LaTeX, Unicode sub/superscripts, ions,
powers of ten, units); the miner imports it so user text is read exactly as documents are.
``normalize_mapped`` does the same and also says, for every output character, which input offset it
came from and which citation markers (``^[...]``) were taken out (and where).

Every pattern here is linear: single character classes with bounded or possessive-free repetition,
no nested quantifiers, so hostile input (a megabyte of ``((((`` or ``1.1.1.``) cannot stall it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from miner.chemistry.elements import ELEMENTS

MARKER_SENTINEL = "\ue000"  # stands where a citation marker was, until offsets are known
_DOLLAR_SENTINEL = "\ue001"  # an escaped \$ (a currency sign, not math)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉₊₋", "0123456789+-")

_SYMBOLS = {
    "times": "×",
    "approx": "≈",
    "mu": "μ",
    "Omega": "Ω",
    "omega": "ω",
    "sigma": "σ",
    "Sigma": "Σ",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "sim": "~",
    "cdot": "·",
    "circ": "°",
    "degree": "°",
    "pm": "±",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "Delta": "Δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "pi": "π",
    "rho": "ρ",
    "tau": "τ",
    "phi": "φ",
    "chi": "χ",
    "kappa": "κ",
    "nu": "ν",
    "infty": "∞",
    "rightarrow": "→",
    "to": "→",
    "leftarrow": "←",
    "AA": "Å",
    "prime": "′",
    "ldots": "…",
    "cdots": "⋯",
    "neq": "≠",
    "propto": "∝",
    "quad": " ",
    "qquad": " ",
    "left": "",
    "right": "",
    "%": "%",
    "&": "&",
    "#": "#",
    "_": "_",
    ",": " ",
    ";": " ",
    ":": " ",
    "!": "",
    " ": " ",
}


@dataclass
class Mapped:
    """A string plus, per character, the offset in the original input it came from."""

    text: str
    pos: list[int]  # len(text) + 1 entries; pos[len(text)] is the end of the input span
    markers: list[tuple[str, int, int]] = field(default_factory=list)  # raw, orig start, orig end
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (input offset, problem)

    @classmethod
    def of(cls, text: str, origin: int = 0) -> Mapped:
        return cls(text, list(range(origin, origin + len(text) + 1)))

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> None:
        """``re.sub`` that keeps the offset map: a replacement that is a piece of its match maps
        to that piece, anything else maps to the start of the match."""
        out: list[str] = []
        pos: list[int] = []
        last = 0
        text, old = self.text, self.pos
        for m in pattern.finditer(text):
            s, e = m.span()
            new = repl(m)
            if new == m.group(0):
                continue
            out.append(text[last:s])
            pos.extend(old[last:s])
            out.append(new)
            k = m.group(0).find(new) if new else -1
            if k >= 0:
                pos.extend(old[s + k : s + k + len(new)])
            else:
                pos.extend([old[s]] * len(new))
            last = e
        if not out:
            return
        out.append(text[last:])
        pos.extend(old[last:])
        self.text = "".join(out)
        self.pos = pos


def _element_before(text: str, i: int) -> bool:
    """True when ``text[:i]`` ends with an element symbol or a closing bracket (``Li``,
    ``(PO4)``): the places where a subscript is a count and a superscript a charge."""
    if i <= 0:
        return False
    c = text[i - 1]
    if c in ")]":
        return True
    if c.isascii() and c.isupper():
        return c in ELEMENTS
    if c.isascii() and c.islower() and i >= 2 and text[i - 2].isascii() and text[i - 2].isupper():
        return text[i - 2 : i] in ELEMENTS
    return False


def _symbol_before(text: str, i: int) -> bool:
    """``text[:i]`` ends with an element-like symbol (``Ln``, ``M``, ``A``): a placeholder in a
    generic formula takes numeric counts and charges like an element does."""
    if i <= 0 or not text[i - 1].isascii():
        return False
    c = text[i - 1]
    return c.isupper() or (
        c.islower() and i >= 2 and text[i - 2].isascii() and text[i - 2].isupper()
    )


_COUNT = re.compile(r"^[\d.xyzδ+\-]{1,12}$")
_CHARGE = re.compile(r"^\d{0,2}[+\-]$")


def _charge(content: str) -> str | None:
    """``3+`` / ``+3`` / ``+`` / ``2-`` as a normalised charge (``3+``), else None."""
    c = content.replace("−", "-").replace(" ", "")
    if not _CHARGE.match(c):
        return None
    sign = "+" if "+" in c else "-"
    digits = c.replace(sign, "")
    return ("" if digits in ("", "1") else digits) + sign


_LINE_HYPHEN = re.compile(r"(?<=[a-z][a-z])-\r?\n[ \t]{0,20}(?=[a-z])")  # "elec-\ntrolyte"
_LINE_HYPHEN_KEPT = re.compile(r"(?<=\w)-\r?\n[ \t]{0,20}(?=\w)")  # "Li-\nion": Li-ion
_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\r\n]")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")
# "[12]", "[3,4]", "[5a–c]"; not "[001]": a number with a leading zero is a crystal direction
_BARE_MARKER = re.compile(
    r"(?<![\w^\]])\[[1-9]\d{0,3}[a-z]{0,2}(?:\s{0,2}[,–\-]\s{0,2}\d{0,4}[a-z]{0,2}){0,40}\](?![(\[])"
)
_MARKER = re.compile(r"\^\[([^\]\[\n^]{0,300})\]")
# "stable up to 5 V6,7": PDF text glued the reference numbers (a lost superscript) to a unit that
# never ends in digits; they become a marker
_GLUED_MARKER = re.compile(
    r"(?<=\d )(m?V|mAh|Wh|°C)(\d{1,3}(?:,\d{1,3}){0,10}(?:[–-]\d{1,3})?)(?=[\s.,;:)]|$)"
)
_OPEN_MARKER = re.compile(r"\^\[")
_ESCAPED_DOLLAR = re.compile(r"\\\$")
_MATH = re.compile(r"\$([^$\n]{0,4000})\$")
_TEXT_DASH = re.compile(r"\\(?:text|mathrm)\{\s*-{2,3}\s*\}")
_MACRO = re.compile(r"\\([A-Za-z]{1,20}|[%&#_,;:! ])")
_WRAPPERS = frozenset(
    "text mathrm textrm mathit textit textbf mathbf operatorname mathsf mathtt mbox".split()
)
_WRAP = re.compile(r"\\(?:" + "|".join(sorted(_WRAPPERS)) + r")\s{0,3}\{([^{}]{0,4000})\}")
_FRAC = re.compile(r"\\frac\s{0,3}\{([^{}]{0,400})\}\s{0,3}\{([^{}]{0,400})\}")
# scraped text keeps HTML scripts and entities: "10<sup>−4</sup>", "Li<sub>6.4</sub>",
# "<jats:sub>7</jats:sub>", "&gt;1000 °C"; they become the LaTeX forms read below, and characters
# ("<inf>" is Scopus' subscript); italic and bold tags around them ("<i>t</i>") only style
_HTML_SCRIPT = re.compile(r"<(?:jats:)?(sup|sub|inf)>([^<>]{1,40})</(?:jats:)?\1>")
_HTML_STYLE = re.compile(r"</?(?:jats:)?(?:i|b|em|strong|italic|bold)>")
_HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});")
_SUPER = re.compile(r"\^(?:\{([^{}]{0,200})\}|([A-Za-z0-9+\-−°*]))")
_SUB = re.compile(r"_(?:\{([^{}]{0,200})\}|([A-Za-z0-9+\-−]))")
_ANY_SCRIPT = re.compile(r"[₀-₉₊₋⁰¹²³⁴-⁹⁺⁻]")
_U_SUB = re.compile(r"[₀-₉₊₋]{1,12}")
_U_SUPER = re.compile(r" ?[⁰¹²³⁴-⁹⁺⁻]{1,12}")
_FLAT_EXPONENT = re.compile(r"(\b10|\b(?:cm|mm|nm|μm|m|g|kg|h|s|min|K|L|mL|V))−(\d{1,2})(?![\d.])")
_TIMES = re.compile(r" {0,3}× {0,3}")
# plain text lost the superscript: "8.1 × 10-4" and "8.1 x 10-4" are powers of ten, not a range
_TIMES_TEN_HYPHEN = re.compile(r"(?<=[×x] )10-(\d{1,2})(?![\d.])")
_APPROX = re.compile(r"([≈~]) {1,3}(?=[\d.])")
_DASH_RANGE = re.compile(r"(?<=[\d]) {1,3}– {1,3}(?=[\d≈])")
_HYPHEN_RANGE = re.compile(
    r"(?<![\w.^\-–])(\d{1,9}(?:\.\d{1,9})?)-(\d{1,9}(?:\.\d{1,9})?)(?![\w.^])"
)
_DEGREE = re.compile(r"\^ ?°|° (?=[CFK]\b)")
_BRACES = re.compile(r"[{}]")
_MULTISPACE = re.compile(r" {2,}")
# "Li6.4 La3 Zr1.4 Ta0.6 O12", "Na2.9375 PS3.9375 Cl0.0625", "Li 9.54 Si 1.74 P1.44 S11.7",
# "Na3 -x Sb1 -x W x S4": a formula PDF text broke at its elements, or between an element and
# its amount; parts of element symbols with amounts, bare symbols, amounts and variable
# amounts, one space apart
_AMOUNT = r"\d+(?:\.\d+)?"
_FORMULA_PART = rf"(?:[A-Z][a-z]?(?:{_AMOUNT})?)*[A-Z][a-z]?{_AMOUNT}"
_LONE = rf"{_AMOUNT}|[-−+]?(?:{_AMOUNT})?[xyzδ]"  # an amount standing apart from its element
_SPACED_PART = rf"(?:{_FORMULA_PART}|(?:[A-Z][a-z]?){{1,4}}|{_LONE})"
_SPACED_FORMULA = re.compile(rf"(?<![\w.])({_SPACED_PART})((?: {_SPACED_PART})+)(?!\w|\.\d)")
_SYMBOL = re.compile(rf"([A-Z][a-z]?)({_AMOUNT})?")
_MOBILE = frozenset({"Li", "Na", "K", "Mg", "Ag", "Cu", "H", "Ca", "Zn"})
_ANIONS = frozenset({"O", "S", "Se", "Te", "F", "Cl", "Br", "I", "N"})
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,;)\]]|[.:](?:[\s\ue000]|$))")
_DOT_SPACES = re.compile(r" {0,3}· {0,3}")
_SPACE_AFTER_OPEN = re.compile(r"(?<=[(\[]) ")
# a ligature a PDF converter wrote as its glyph name, spaced off ("sul /uniFB01 de", "the
# /uniFB01 rst", "di/uniFB00erent"): the letters, joined to the word they are in
_GLYPH_NAME = re.compile(r"( ?)/uni(FB0[0-4]) ?(?=[a-z])")
_LAST_WORD = re.compile(r"([A-Za-z]{1,20})$")
_LIGATURES = {"FB00": "ff", "FB01": "fi", "FB02": "fl", "FB03": "ffi", "FB04": "ffl"}
# a whole word before a ligature that starts the next word ("the first")
_WORD_BEFORE_LIGATURE = frozenset(
    "a an the we was were is are be been by of to and or at on for with from as its their "
    "this that these those which no not".split()
)


def _html_script(m: re.Match[str]) -> str:
    return ("^{" if m.group(1) == "sup" else "_{") + m.group(2) + "}"


def _math(m: re.Match[str]) -> str:
    return m.group(1)


def _macro(m: re.Match[str]) -> str:
    """A LaTeX symbol; a wrapper (``\\text``) is left for ``_WRAP``; any other command is dropped
    (its braced argument, if any, stays as text)."""
    name = m.group(1)
    if name in _WRAPPERS:
        return m.group(0)
    return _SYMBOLS.get(name, "")


def _drop_macro(m: re.Match[str]) -> str:
    return _SYMBOLS.get(m.group(1), "")


def _super(m: re.Match[str]) -> str:
    content = m.group(1) if m.group(1) is not None else m.group(2)
    content = content.strip()
    if content == "°":
        return "°"
    charge = _charge(content)
    if charge is not None and _symbol_before(m.string, m.start()):
        return charge
    return "^" + content.replace("−", "-").replace(" ", "")


def _sub(m: re.Match[str]) -> str:
    content = m.group(1) if m.group(1) is not None else m.group(2)
    content = content.strip().replace("−", "-")
    # a count after an element (Li_{6.4}) or after a placeholder symbol (M_2, Ln_3)
    if _element_before(m.string, m.start()) or (
        _symbol_before(m.string, m.start()) and _COUNT.match(content)
    ):
        return content.replace(" ", "")
    return "_" + content


def _u_sub(m: re.Match[str]) -> str:
    return m.group(0).translate(_SUBSCRIPTS)


def _u_super(m: re.Match[str]) -> str:
    raw = m.group(0)
    body = raw.lstrip(" ").translate(_SUPERSCRIPTS)
    charge = _charge(body)
    # "Ga ³⁺" (tables put a space before the charge) is still Ga3+
    if charge is not None and _symbol_before(m.string, m.start()):
        return charge
    after = m.string[m.end() : m.end() + 1]
    if raw.startswith(" ") and after.isalpha():  # "⁷Li": an isotope prefix keeps its space
        return " ^" + body
    return "^" + body


def _ligature(m: re.Match[str]) -> str:
    letters = _LIGATURES[m.group(2)]
    if not m.group(1):
        return letters
    word = _LAST_WORD.search(m.string, max(0, m.start() - 20), m.start())
    if word is None:
        return " " + letters
    before = word.group(1)
    # a whole word, or a symbol ("Cu film"): the ligature starts the next word
    starts_word = before.lower() in _WORD_BEFORE_LIGATURE or (
        before[0].isupper() and len(before) <= 2
    )
    return " " + letters if starts_word else letters


def _hyphen_range(m: re.Match[str]) -> str:
    return f"{m.group(1)}–{m.group(2)}"


def normalize_mapped(text: str, origin: int = 0, bare_brackets: bool = False) -> Mapped:
    """Normalise ``text`` (which starts at ``origin`` in its file), keeping the offset map and
    taking the citation markers out (they stand as ``MARKER_SENTINEL`` in ``.text``).
    ``bare_brackets``: ``[12]``, ``[3,4]``, ``[5a–c]`` are markers too (plain text and PDF)."""
    text = unicodedata.normalize("NFC", text) if not text.isascii() else text
    return normalize_into(Mapped.of(text, origin), bare_brackets)


def normalize_into(mapped: Mapped, bare_brackets: bool = False) -> Mapped:
    """Normalise an already mapped string in place (readers clean markup first) and return it.
    Each pass runs only when its trigger character is present, so plain cells cost little."""

    def has(*triggers: str) -> bool:
        return any(t in mapped.text for t in triggers)

    if bare_brackets and has("["):
        mapped.sub(_BARE_MARKER, lambda m: "^" + m.group(0))
    if bare_brackets:
        mapped.sub(_GLUED_MARKER, lambda m: f"{m.group(1)}^[{m.group(2)}]")
    if has("\n"):
        mapped.sub(_LINE_HYPHEN, lambda m: "")
        mapped.sub(_LINE_HYPHEN_KEPT, lambda m: "-")
    mapped.sub(_SPACES, lambda m: " ")
    mapped.sub(_ZERO_WIDTH, lambda m: "")
    if has("^["):
        _take_markers(mapped)
    if has("$"):
        mapped.sub(_ESCAPED_DOLLAR, lambda m: _DOLLAR_SENTINEL)
        mapped.sub(_MATH, _math)
        if "$" in mapped.text:
            i = mapped.text.index("$")
            mapped.warnings.append((mapped.pos[i], "unbalanced '$' (LaTeX math); kept as text"))
    if has("/uni"):
        mapped.sub(_GLYPH_NAME, _ligature)
    if has("&"):
        mapped.sub(_HTML_ENTITY, lambda m: html.unescape(m.group(0)))
    if has("</"):
        mapped.sub(_HTML_STYLE, lambda m: "")
        for _ in range(3):  # nested scripts (t<sub>Li<sup>+</sup></sub>) from the inside out
            before = mapped.text
            mapped.sub(_HTML_SCRIPT, _html_script)
            if mapped.text == before:
                break
    if has("\\"):
        mapped.sub(_TEXT_DASH, lambda m: "–")
        mapped.sub(_FRAC, lambda m: f"{m.group(1)}/{m.group(2)}")
        mapped.sub(_MACRO, _macro)
        for _ in range(4):  # nested \text{\text{..}} unwraps from the inside out
            before = mapped.text
            mapped.sub(_WRAP, lambda m: m.group(1))
            if mapped.text == before:
                break
        mapped.sub(_MACRO, _drop_macro)
    if has("^"):
        mapped.sub(_SUPER, _super)
    if has("_"):
        mapped.sub(_SUB, _sub)
    if _ANY_SCRIPT.search(mapped.text):
        mapped.sub(_U_SUB, _u_sub)
        mapped.sub(_U_SUPER, _u_super)
    if has("{", "}"):
        _drop_braces(mapped)
        if has("_"):  # "Li_{7" lost its brace: the count is still a count
            mapped.sub(_SUB, _sub)
    if has("°"):
        mapped.sub(_DEGREE, lambda m: "°")
    if has("×"):
        mapped.sub(_TIMES, lambda m: " × ")
    if has("−"):  # PDF text lost the superscript but kept the minus sign: 10−3, cm−1
        mapped.sub(_FLAT_EXPONENT, lambda m: f"{m.group(1)}^-{m.group(2)}")
    if has("·"):
        mapped.sub(_DOT_SPACES, lambda m: "·")
    if has("≈", "~"):
        mapped.sub(_APPROX, lambda m: m.group(1))
    if has("–"):
        mapped.sub(_DASH_RANGE, lambda m: "–")
    if has("-"):
        mapped.sub(_TIMES_TEN_HYPHEN, lambda m: f"10^-{m.group(1)}")
        mapped.sub(_HYPHEN_RANGE, _hyphen_range)
    if has(_DOLLAR_SENTINEL):
        mapped.sub(re.compile(_DOLLAR_SENTINEL), lambda m: "$")
    _tidy_spaces(mapped)
    mapped.sub(_SPACED_FORMULA, _spaced_formula)
    return mapped


def _take_markers(mapped: Mapped) -> None:
    """Citation markers become ``MARKER_SENTINEL`` (recorded in ``mapped.markers``) before any
    superscript handling could mistake them; an unclosed ``^[`` is reported once."""

    def marker(m: re.Match[str]) -> str:
        s, e = m.span()
        mapped.markers.append((m.group(1), mapped.pos[s], mapped.pos[e]))
        return MARKER_SENTINEL

    mapped.sub(_MARKER, marker)
    opened = [m.start() for m in _OPEN_MARKER.finditer(mapped.text)]
    if opened:
        times = f" ({len(opened)} times, the first here)" if len(opened) > 1 else ""
        mapped.warnings.append(
            (mapped.pos[opened[0]], f"unclosed citation marker '^['{times}; kept as text")
        )


def _drop_braces(mapped: Mapped) -> None:
    opened, closed = mapped.text.count("{"), mapped.text.count("}")
    if opened != closed:
        i = next(i for i, c in enumerate(mapped.text) if c in "{}")
        mapped.warnings.append(
            (mapped.pos[i], f"unbalanced LaTeX braces ({opened} '{{', {closed} '}}')")
        )
    mapped.sub(_BRACES, lambda m: "")


def _spaced_formula(m: re.Match[str]) -> str:
    """The longest run of parts from the first that makes one formula, joined (the parts after
    it left as they were)."""
    parts = [m.group(1), *m.group(2).split()]
    for end in range(len(parts), 1, -1):
        if _one_formula(parts[:end]):
            return " ".join(["".join(parts[:end]), *parts[end:]])
    return m.group(0)


def _one_formula(parts: list[str]) -> bool:
    """Every symbol an element, the first part an alkali (or another mobile ion) and no anion at
    its end, the last element part a single anion; an amount standing apart follows a symbol
    (or, a variable one, a symbol's amount), and a bare symbol has one after it."""
    lone = [re.fullmatch(_LONE, p) is not None for p in parts]
    symbols = [
        [s for s, _ in _SYMBOL.findall(p)] if not apart else []
        for p, apart in zip(parts, lone, strict=True)
    ]
    if lone[0] or (lone[-1] and not re.fullmatch(_AMOUNT, parts[-1])):
        return False
    if any(s not in ELEMENTS for p in symbols for s in p):
        return False
    first, last = symbols[0], symbols[-2 if lone[-1] else -1]
    if first[0] not in _MOBILE or first[-1] in _ANIONS or len(last) != 1 or last[0] not in _ANIONS:
        return False
    for i in range(1, len(parts)):
        bare = not lone[i - 1] and not parts[i - 1][-1].isdigit()
        if lone[i] and (lone[i - 1] or (not bare and parts[i][-1].isdigit())):
            return False
        if bare and not lone[i]:
            return False
    return True


def _tidy_spaces(mapped: Mapped) -> None:
    mapped.sub(_MULTISPACE, lambda m: " ")
    mapped.sub(_SPACE_BEFORE_PUNCT, lambda m: "")
    mapped.sub(_SPACE_AFTER_OPEN, lambda m: "")
    # strip the ends (the map follows)
    text = mapped.text
    lead = len(text) - len(text.lstrip(" "))
    trail = len(text.rstrip(" "))
    if lead or trail != len(text):
        mapped.text = text[lead:trail]
        mapped.pos = mapped.pos[lead:trail] + [mapped.pos[trail]]


def pop_markers(mapped: Mapped) -> list[tuple[str, int, int, int]]:
    """Remove the marker sentinels from ``mapped`` and return ``(raw, offset, orig_start,
    orig_end)`` per marker, ``offset`` being where it stood in the remaining text. A space left
    doubled by the removal is dropped."""
    if not mapped.markers:
        return []
    out: list[str] = []
    pos: list[int] = []
    found: list[tuple[str, int, int, int]] = []
    text = mapped.text
    markers = iter(mapped.markers)
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == MARKER_SENTINEL:
            raw, s, e = next(markers)
            found.append((raw, len(out), s, e))
            i += 1
            if out and out[-1] == " " and (i >= n or text[i] in " ,.;:)"):
                out.pop()
                pos.pop()
                found[-1] = (raw, len(out), s, e)
            continue
        out.append(c)
        pos.append(mapped.pos[i])
        i += 1
    pos.append(mapped.pos[n])
    mapped.text = "".join(out)
    mapped.pos = pos
    mapped.markers = []
    # markers whose position moved past a stripped trailing space stay inside the text
    return [(r, min(o, len(mapped.text)), s, e) for r, o, s, e in found]


def normalize_text(text: str) -> str:
    """One string in normalised form (citation markers dropped), e.g. ``Ga³⁺`` -> ``Ga3+``,
    ``$1.2\\text{--}1.75 \\times 10^{-3}$`` -> ``1.2–1.75 × 10^-3``."""
    mapped = normalize_mapped(text)
    pop_markers(mapped)
    return _MULTISPACE.sub(" ", mapped.text).strip()
