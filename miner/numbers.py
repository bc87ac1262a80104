"""Numbers as papers print them: one printed value (with its sign, power of ten and uncertainty)
read into floats.

Two grammars live here:

- ``NUMBER`` / ``parse_number``: the plain forms the corpus layer normalises to and other
  recognisers read (dopant amounts, ``x = 0.25``): ``1.24 × 10^-3``, ``1.24×10-3``, ``1.24e-3``,
  ``10^-4``, ``5,500``.
- ``VALUE_RE`` / ``parse_value``: every form a measured value is printed in, for the quantity
  recogniser: signs (``−11``), decimal commas where unambiguous (``0,35``; ``1,200`` stays
  thousands), powers of ten with a caret, braces, parentheses, spaces or a dash as the minus sign
  (``× 10 −4``, ``× 10–4``, ``x 10(-6)``, ``1.2E-4``, ``× 104`` where PDF text lost the
  superscript), uncertainties (``0.42 ± 0.02``, ``(1.2 ± 0.1) × 10^-3``, ``7.1920(1)``).

Both read text folded by ``units.fold`` (superscripts, Unicode minus signs and NBSPs already
plain). Every pattern is linear: bounded repetitions, no nested quantifiers.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

FOLD = str.maketrans(
    {
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
        "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "−": "-", "‐": "-", "‑": "-", "µ": "μ",
        "∼": "~", "˚": "°", "º": "°", "\u00a0": " ", "\u2009": " ", "\u202f": " ",
        "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
        "\u2007": " ", "\u2008": " ", "\u200a": " ", "\u2126": "\u03a9", "\u212b": "\u00c5",
        "⋅": "·", "∙": "·", "⁄": "/", "∕": "/", "‒": "–", "﹣": "-", "－": "-",
    }
)  # fmt: skip

FOLD_RE = re.compile("[" + re.escape("".join(map(chr, FOLD))) + "◦]")
# "◦" (U+25E6, a white bullet) is the degree sign of PDF text only before the C of Celsius
# ("20 ◦C", "20◦ C"); elsewhere it is a bullet, a composition of maps or an angle ("30◦"), and
# read as "°" there it made values of a text that has none
_RING_DEGREE_RE = re.compile(r"◦(?=\s?C(?![A-Za-z]))")


def fold(text: str) -> str:
    """``text`` with ``FOLD`` applied (and a "◦" before "C" read as "°"). Most texts hold
    nothing to fold (an ASCII text, or one whose only non-ASCII characters are "×", "°", "–"
    ...), and asking is a single C scan where ``translate`` looks every character up in a dict."""
    if text.isascii() or FOLD_RE.search(text) is None:
        return text
    folded = text.translate(FOLD)
    return _RING_DEGREE_RE.sub("°", folded) if "◦" in folded else folded


_NUM = r"(?:\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:\.\d+)?|\.\d+)"
_EXP = r"(?:\^?\{?\s?[-+]?\s?\d{1,3}\}?)"
_TIMES = r"(?:\s?[×x*·]\s?)"
NUMBER = (
    rf"(?:{_NUM}{_TIMES}10{_EXP}"  # 1.24 × 10^-3, 1.24 × 10-3
    rf"|{_NUM}[eE][-+]?\d{{1,3}}"  # 1.24e-3
    rf"|10\^\{{?-?\d{{1,3}}\}}?"  # 10^-4, 10^{-4}
    rf"|{_NUM})"
)
NUMBER_RE = re.compile(NUMBER)
_NUMBER_PARTS = re.compile(
    rf"^(?P<mant>{_NUM})(?:{_TIMES}10(?P<exp>{_EXP})|[eE](?P<e>[-+]?\d{{1,3}}))?$"
    rf"|^10(?:\^\{{?(?P<pow>-?\d{{1,3}})\}}?|(?P<bare>-\d{{1,3}}))$"
)


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float:
    """``"1.24 × 10^-3"``, ``"1.24×10−3"``, ``"1.24e-3"``, ``"10^-4"``, ``"5,500"`` -> float."""
    folded = text.translate(FOLD).strip()
    match = _NUMBER_PARTS.match(folded)
    if match is None:
        raise ValueError(f"Invalid number={text!r}")
    power = match.group("pow") or match.group("bare")
    if power is not None:
        return float(f"1e{int(power)}")
    mantissa = float(match.group("mant").replace(",", ""))
    exponent = match.group("exp") or match.group("e")
    if exponent is None:
        return mantissa
    return float(f"{mantissa!r}e{int(re.sub(r'[^0-9-]', '', exponent))}")


# --- printed values -------------------------------------------------------------------------

# a mantissa: thousands groups ("1,200", never "0,350"), a decimal comma ("0,35", "12,5": not
# three digits after the comma, not inside a "1,2,3" list), or a plain decimal
_THOUSANDS = r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d,])"
_DECIMAL_COMMA = r"(?<!\d,)\d{1,4},(?:\d{1,2}|\d{4,})(?![\d,])|(?<!\d,)0,\d{3}(?![\d,])"
_PLAIN = r"\d+(?:\.\d+)?|\.\d+"
MANTISSA = rf"(?:{_THOUSANDS}|{_DECIMAL_COMMA}|{_PLAIN})"
# the minus sign of an exponent: a hyphen, an en dash (PDF text), a folded Unicode minus
_MINUS = r"[-–]"
_SIGNED = rf"(?:{_MINUS}|\+)?\s?\d{{1,3}}"
# a power of ten after "× 10": caret (with braces or parentheses), a bare or spaced dash,
# parentheses, or digits glued on where PDF text lost the superscript ("× 104")
_POWER = (
    rf"(?:\^\s?(?:\{{\s?{_SIGNED}\s?\}}|\(\s?{_SIGNED}\s?\)|{_SIGNED})"
    rf"|\s?{_MINUS}\s?\d{{1,3}}"
    rf"|\(\s?(?:{_MINUS}|\+)?\s?\d{{1,3}}\s?\)"
    rf"|[1-9]\d?)(?![\d.])"
)
_TIMES_TEN = rf"(?:\s?[×x*·∙]\s?10{_POWER})"
_E_NOTATION = rf"(?:[eE](?:{_MINUS}|\+)?\d{{1,3}}(?![\d.]))"
_PLUS_MINUS = r"(?:\s?(?:±|\+/-|\+-|\+/–)\s?)"
# a value never starts inside a word of Latin or Greek letters (formula counts: "Li7", "δ0.5"),
# but may follow other scripts' characters ("从1100℃降低到1050℃": no spaces in Chinese)
_WORD_CHARS = "A-Za-z0-9_\u00c0-\u024f\u0370-\u03ff"
_SIGN = rf"(?:(?<![{_WORD_CHARS})\]}}.,])(?:{_MINUS}|\+)(?=\.?\d))"
# a tolerance or standard deviation in parentheses before the unit: "15 (±2) %", "20 (± 3) °C",
# "45.2 (SD 10.1) years"
_PAREN_TOLERANCE = r"(?:±|\+/-|SD|s\.d\.|SE|s\.e\.)"
_PAREN_PLUS_MINUS = rf"(?:\s?\(\s?{_PAREN_TOLERANCE}\s?{MANTISSA}\s?\))"
# "(1.2 ± 0.1) × 10^-3", "−25", "0.42 ± 0.02", "7.1920(1)", "15 (±2)",
# "1.2 × 10^-3 ± 0.1 × 10^-3", "10^-4"; never inside a word, a number or an exponent
VALUE = (
    rf"(?<![{_WORD_CHARS}.^])(?:"
    rf"{_SIGN}?10\^\s?(?:\{{\s?{_SIGNED}\s?\}}|\(\s?{_SIGNED}\s?\)|{_SIGNED})(?![\d.])"
    rf"|\(\s?{_SIGN}?{MANTISSA}{_PLUS_MINUS}{MANTISSA}\s?\){_TIMES_TEN}?"
    rf"|{_SIGN}?{MANTISSA}(?:\(\d{{1,4}}\))?(?:{_PLUS_MINUS}{MANTISSA}|{_PAREN_PLUS_MINUS})?"
    rf"(?:{_TIMES_TEN}|{_E_NOTATION})?(?:{_PLUS_MINUS}{MANTISSA}{_TIMES_TEN}?)?"
    rf")"
)
# the leading lookahead lets the engine skip positions that cannot start a value
VALUE_RE = re.compile(rf"(?=[\d.(+\-–]){VALUE}")

_PARTS = re.compile(
    rf"^\(?\s?(?P<sign>{_MINUS}|\+)?(?P<mant>{MANTISSA})"
    rf"(?:\((?P<paren>\d{{1,4}})\))?(?:{_PLUS_MINUS}(?P<unc>{MANTISSA})"
    rf"|\s?\(\s?{_PAREN_TOLERANCE}\s?(?P<uncp>{MANTISSA})\s?\))?\s?\)?"
    rf"(?:\s?[×x*·∙]\s?10(?P<pow>{_POWER})|(?P<e>{_E_NOTATION}))?"
    rf"(?:{_PLUS_MINUS}(?P<unc2>{MANTISSA})(?:\s?[×x*·∙]\s?10(?P<pow2>{_POWER}))?)?$"
)
# what closes a bracketed range and applies to both its ends: a power of ten, a tolerance or
# both ("(0.28–0.42) × 10^-10 m", "(563–624) ± 30 K"); read with the upper end's value
SHARED_TAIL = rf"\s?\)(?:{_TIMES_TEN}(?:{_PLUS_MINUS}{MANTISSA})?|{_PLUS_MINUS}{MANTISSA})(?![\d.])"
# what stands before a power of ten PDF text printed spaced and without its minus ("5.2 × 10 4
# S cm 1", "10 3–10 4 S cm 1"): "10 " with or without a mantissa and a times sign. Only the
# quantity tokens read it, and only before a unit that lost its minus too or a conductivity;
# elsewhere "10 4" stays the two numbers it prints
LOST_MINUS_BEFORE = rf"(?:(?P<mantissa>{VALUE})\s?[×x*·∙]\s?|(?<![{_WORD_CHARS}.^,]))10 $"
_POWER_ONLY = re.compile(rf"^(?P<sign>{_MINUS}|\+)?10\^\s?[{{(]?\s?(?P<exp>{_SIGNED})\s?[}})]?$")


class Value(NamedTuple):
    """A printed value read: ``number`` (signed, power of ten applied), ``uncertainty`` (same
    scale, or None), and ``power`` (the power of ten printed with it, or None) which a bare
    number before it in a list or range shares."""

    number: float
    uncertainty: float | None
    power: int | None


def _exponent(printed: str) -> int:
    """``"^-3"``, ``"^{-3}"``, ``" -3"``, ``"–3"``, ``"(-6)"``, ``"4"`` -> the integer power."""
    digits = re.sub(r"\D", "", printed)
    return -int(digits) if re.search(_MINUS, printed) else int(digits)


def _mantissa(printed: str) -> float:
    """A mantissa as printed: "1,200" (thousands), "0,35" (decimal comma), "12.5"."""
    if "," not in printed:
        return float(printed)
    if re.fullmatch(_THOUSANDS, printed):
        return float(printed.replace(",", ""))
    return float(printed.replace(",", "."))


@lru_cache(maxsize=65536)
def parse_value(printed: str) -> Value:
    """One printed value (a ``VALUE_RE`` match, folded): ``"0.42 ± 0.02"`` ->
    Value(0.42, 0.02, None); ``"1.2 × 10 −4"`` -> Value(0.00012, None, -4); ``"7.1920(1)"`` ->
    Value(7.192, 0.0001, None); ``"0,35"`` -> 0.35; ``"10^-4"`` -> Value(0.0001, None, -4)."""
    text = printed.strip()
    only = _POWER_ONLY.match(text)
    if only:
        power = _exponent(only.group("exp"))
        sign = -1.0 if only.group("sign") in ("-", "–") else 1.0
        return Value(sign * float(f"1e{power}"), None, power)
    match = _PARTS.match(text)
    if match is None:
        raise ValueError(f"Invalid value={printed!r}")
    mantissa = match.group("mant")
    number = _mantissa(mantissa)
    uncertainty = None
    if match.group("paren"):
        if "." not in mantissa:
            raise ValueError(f"Invalid value={printed!r}: a (digits) uncertainty needs decimals")
        places = len(mantissa.split(".")[1])
        uncertainty = float(f"{int(match.group('paren'))}e-{places}")
    elif match.group("unc") or match.group("uncp"):
        uncertainty = _mantissa(match.group("unc") or match.group("uncp"))
    power: int | None = None
    if match.group("pow"):
        power = _exponent(match.group("pow"))
    elif match.group("e"):
        power = _exponent(match.group("e")[1:])
    if match.group("sign") in ("-", "–"):
        number = -number
    if power is not None:
        number = float(f"{number!r}e{power}")
        if uncertainty is not None:
            uncertainty = float(f"{uncertainty!r}e{power}")
    if match.group("unc2"):
        second = _mantissa(match.group("unc2"))
        own = match.group("pow2")
        scale = _exponent(own) if own else power
        uncertainty = float(f"{second!r}e{scale}") if scale is not None else second
    return Value(number, uncertainty, power)
