"""Property-based tests of the quantity recogniser: any value printed in any supported notation,
with any uncertainty, range or comparator form, reads back to the same value, unit and
comparator; arbitrary text never raises. Speed on hostile text is measured by
``bench/quantities.py``, not asserted here."""

from __future__ import annotations

import logging
import math
from decimal import Decimal

import pytest
import spacy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from miner import comparators, quantities, quantity_conditions, quantity_grammar
from miner.quantities import find_quantities
from miner.tokenizer import make_tokenizer

KJ_PER_MOL = 96.48533212331  # kJ/mol in one eV per particle

# printed unit -> (canonical unit, factor, offset, dimension)
UNITS = {
    "S cm^-1": ("S/cm", 1.0, 0.0, "conductivity"),
    "S cm-1": ("S/cm", 1.0, 0.0, "conductivity"),
    "S cm−1": ("S/cm", 1.0, 0.0, "conductivity"),
    "S cm⁻¹": ("S/cm", 1.0, 0.0, "conductivity"),
    "S·cm–1": ("S/cm", 1.0, 0.0, "conductivity"),
    "S cm -1": ("S/cm", 1.0, 0.0, "conductivity"),
    "Scm−1": ("S/cm", 1.0, 0.0, "conductivity"),
    "S/cm": ("S/cm", 1.0, 0.0, "conductivity"),
    "mS cm^-1": ("S/cm", 1e-3, 0.0, "conductivity"),
    "mS/cm": ("S/cm", 1e-3, 0.0, "conductivity"),
    "μS cm-1": ("S/cm", 1e-6, 0.0, "conductivity"),
    "μ S cm −1": ("S/cm", 1e-6, 0.0, "conductivity"),  # the micro sign spaced off (PDF text)
    "µ S/cm": ("S/cm", 1e-6, 0.0, "conductivity"),
    "eV": ("eV", 1.0, 0.0, "energy"),
    "meV": ("eV", 1e-3, 0.0, "energy"),
    "kJ mol-1": ("eV", 1 / KJ_PER_MOL, 0.0, "energy"),
    "kJ/mol": ("eV", 1 / KJ_PER_MOL, 0.0, "energy"),
    "%": ("%", 1.0, 0.0, "fraction"),
    "wt%": ("%", 1.0, 0.0, "fraction"),
    "wt.%": ("%", 1.0, 0.0, "fraction"),
    "mol %": ("%", 1.0, 0.0, "fraction"),
    "percent": ("%", 1.0, 0.0, "fraction"),
    "Ω cm2": ("ohm*cm^2", 1.0, 0.0, "area_resistance"),
    "Ω cm^2": ("ohm*cm^2", 1.0, 0.0, "area_resistance"),
    "ohm cm2": ("ohm*cm^2", 1.0, 0.0, "area_resistance"),
    "mA cm−2": ("mA/cm^2", 1.0, 0.0, "current_density"),
    "mA/cm2": ("mA/cm^2", 1.0, 0.0, "current_density"),
    "mA cm 2": ("mA/cm^2", 1.0, 0.0, "current_density"),
    "μA cm-2": ("mA/cm^2", 1e-3, 0.0, "current_density"),
    "µ A cm−2": ("mA/cm^2", 1e-3, 0.0, "current_density"),
    "V": ("V", 1.0, 0.0, "voltage"),
    "mV": ("V", 1e-3, 0.0, "voltage"),
    "mAh g−1": ("mAh/g", 1.0, 0.0, "specific_capacity"),
    "mA h g^-1": ("mAh/g", 1.0, 0.0, "specific_capacity"),
    "°C": ("degC", 1.0, 0.0, "temperature"),
    "℃": ("degC", 1.0, 0.0, "temperature"),
    "K": ("degC", 1.0, -273.15, "temperature"),
    "h": ("h", 1.0, 0.0, "time"),
    "hours": ("h", 1.0, 0.0, "time"),
    "min": ("h", 1 / 60, 0.0, "time"),
    "minutes": ("h", 1 / 60, 0.0, "time"),
    "μm": ("um", 1.0, 0.0, "length"),
    "µm": ("um", 1.0, 0.0, "length"),
    "μ m": ("um", 1.0, 0.0, "length"),
    "nm": ("um", 1e-3, 0.0, "length"),
    "microns": ("um", 1.0, 0.0, "length"),
    "Å": ("um", 1e-4, 0.0, "length"),
    "GPa": ("GPa", 1.0, 0.0, "pressure"),
    "MPa": ("GPa", 1e-3, 0.0, "pressure"),
    "mg cm-2": ("mg/cm^2", 1.0, 0.0, "areal_loading"),
    "g cm-3": ("g/cm^3", 1.0, 0.0, "density"),
    "Wh kg-1": ("Wh/kg", 1.0, 0.0, "energy_density_gravimetric"),
    "cycles": ("cycles", 1.0, 0.0, "count"),
}
# printed comparator -> the contract's ("over" and "under" read by context: tested apart)
COMPARATORS = {
    "": "=", ">": ">", "> ": ">", "<": "<", "≤": "<=", "≥": ">=", "~": "~", "≈": "~",
    "about ": "~", "nearly ": "~", "approximately ": "~", "up to ": "<=", "as high as ": ">=",
    "more than ": ">", "less than ": "<", "below ": "<", "above ": ">", "at least ": ">=",
}  # fmt: skip
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    nlp.add_pipe("llzo_quantity")
    return nlp


@st.composite
def printed_numbers(draw, power=True):
    """(printed text, Decimal value, printed exponent or None) in one of the notations."""
    places = draw(st.integers(0, 3))
    mantissa = Decimal(draw(st.integers(1, 99999))).scaleb(-places)
    assume(Decimal("0.01") <= mantissa < 1000)
    text = f"{mantissa:f}"
    fraction = text.split(".")[1] if "." in text else ""
    if fraction and (len(fraction) != 3 or text.startswith("0,")) and draw(st.booleans()):
        text = text.replace(".", ",")  # a decimal comma, where it cannot be thousands
    exponent = draw(st.integers(-9, 9).filter(bool)) if power and draw(st.booleans()) else None
    if exponent is None:
        return text, mantissa, None
    forms = ["{m} × 10^{e}", "{m} × 10^{{{e}}}", "{m} x 10({e})", "{m}E{e}", "{m}e{e}",
             "{m} × 10{s}"]  # fmt: skip
    if exponent < 0:
        forms += ["{m} × 10-{a}", "{m} × 10 −{a}", "{m} × 10–{a}", "{m}×10−{a}"]
    form = draw(st.sampled_from(forms))
    printed = form.format(m=text, e=exponent, a=-exponent, s=str(exponent).translate(SUPERSCRIPT))
    return printed, mantissa.scaleb(exponent), exponent


def _expected(value: Decimal, unit: str) -> float:
    _, factor, offset, _ = UNITS[unit]
    return float(value) * factor + offset


def _close(found: float | None, expected: float | None) -> bool:
    if found is None or expected is None:
        return found is None and expected is None
    return math.isclose(found, expected, rel_tol=1e-9, abs_tol=1e-12)


def _only(nlp, sentence):
    found = quantities.measures(nlp(sentence))
    assert len(found) == 1, (sentence, [s.text for s in found])
    return found[0]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed_numbers(),
    st.sampled_from(sorted(UNITS)),
    st.sampled_from(sorted(COMPARATORS)),
    st.sampled_from(["", " ", "\u00a0"]),
)
def test_quantity_value_reads_back_in_every_notation(nlp, number, unit, comparator, space):
    printed, value, _ = number
    if unit[0].isalpha() and unit not in ("K", "V", "h") and not space:
        space = " "  # a glued word unit ("5percent") is not written
    span = _only(nlp, f"The sample showed {comparator}{printed}{space}{unit} in this work.")
    assert _close(span._.value, _expected(value, unit))
    assert (span._.unit, span._.comparator, span._.value_max) == (
        UNITS[unit][0],
        COMPARATORS[comparator],
        None,
    )


RANGE_FORMS = (
    "{a}–{b} {u}", "{a} – {b} {u}", "{a} to {b} {u}", "from {a} to {b} {u}",
    "between {a} and {b} {u}", "{a} {u} to {b} {u}", "from {a} {u} to {b} {u}",
    "between {a} {u} and {b} {u}", "{a}~{b} {u}", "{a}-{b} {u}",
)  # fmt: skip


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed_numbers(),
    printed_numbers(),
    st.sampled_from(sorted(UNITS)),
    st.sampled_from(RANGE_FORMS),
)
def test_quantity_range_reads_back_in_every_form(nlp, low, high, unit, form):
    (low_text, low_value, low_power), (high_text, high_value, _) = low, high
    dimension = UNITS[unit][3]
    # "10-4 S cm-1" is ten to the minus four (tested apart); a hyphen between powers of ten
    # is no range anyone prints
    assume(not (low_text == "10" and dimension in quantity_grammar.BARE_POWER_DIMENSIONS))
    assume(form != "{a}-{b} {u}" or ("×" not in high_text and "x" not in high_text))
    if "{u} to" not in form and "{u} and" not in form and low_power is None:
        low_value = low_value.scaleb(high[2] or 0)  # a bare low end shares the power of ten
    span = _only(nlp, "It ranged " + form.format(a=low_text, b=high_text, u=unit) + " here.")
    assert _close(span._.value, _expected(low_value, unit))
    assert _close(span._.value_max, _expected(high_value, unit))
    assert (span._.unit, span._.comparator) == (UNITS[unit][0], "=")


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed_numbers(power=False),
    printed_numbers(power=False).filter(lambda n: "," not in n[0]),
    st.sampled_from([u for u, spec in UNITS.items() if spec[1] == 1.0 and spec[2] == 0.0]),
    st.sampled_from(["{m} ± {u}", "{m}±{u}", "{m} +/- {u}", "({m} ± {u})"]),
)
def test_quantity_uncertainty_reads_back(nlp, number, uncertainty, unit, form):
    (text, value, _), (u_text, u_value, _) = number, uncertainty
    span = _only(nlp, f"It was {form.format(m=text, u=u_text)} {unit} here.")
    assert _close(span._.value, float(value))
    assert _close(span._.uncertainty, float(u_value))
    assert span._.unit == UNITS[unit][0]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    printed_numbers(power=False).filter(lambda n: "," not in n[0]),
    printed_numbers(power=False).filter(lambda n: "," not in n[0]),
    st.one_of(st.none(), st.integers(-9, 9).filter(bool)),
    st.one_of(st.none(), printed_numbers(power=False).filter(lambda n: "," not in n[0])),
    st.sampled_from([u for u, spec in UNITS.items() if spec[1] == 1.0 and spec[2] == 0.0]),
    st.sampled_from(["({a}–{b})", "({a}-{b})", "( {a} – {b} )"]),
)
def test_quantity_bracketed_range_shares_its_tail(nlp, low, high, exponent, tolerance, unit, form):
    """ "(A–B) × 10^n ± u unit": the power of ten and the tolerance after the bracket are both
    ends' ("(0.28–0.42) × 10^-10 m", "(563–624) ± 30 K")."""
    assume(exponent is not None or tolerance is not None)
    (low_text, low_value, _), (high_text, high_value, _) = low, high
    tail = "" if exponent is None else f" × 10^{exponent}"
    tail += "" if tolerance is None else f" ± {tolerance[0]}"
    printed = form.format(a=low_text, b=high_text) + tail
    span = _only(nlp, f"It ranged {printed} {unit} here.")
    scale = exponent or 0
    assert _close(span._.value, float(low_value.scaleb(scale)))
    assert _close(span._.value_max, float(high_value.scaleb(scale)))
    expected = None if tolerance is None else float(tolerance[1].scaleb(scale))
    assert _close(span._.uncertainty, expected)
    assert span._.unit == UNITS[unit][0]


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(printed_numbers(power=False).filter(lambda n: "," not in n[0]), min_size=2,
             max_size=5),
    st.sampled_from(sorted(UNITS)),
    st.sampled_from([" and ", ", and ", " or "]),
)  # fmt: skip
def test_quantity_list_shares_its_unit(nlp, numbers, unit, last):
    printed = ", ".join(n[0] for n in numbers[:-1]) + last + numbers[-1][0]
    assume(
        not (numbers[-2][0] == "10" and UNITS[unit][3] in quantity_grammar.BARE_POWER_DIMENSIONS)
    )
    doc = nlp(f"The samples gave {printed} {unit} here.")
    found = list(doc.spans["llzo_quantity"])
    assert [s._.unit for s in found] == [UNITS[unit][0]] * len(numbers)
    for span, (_, value, _) in zip(found, numbers, strict=True):
        assert _close(span._.value, _expected(value, unit))


SOUP = st.lists(
    st.sampled_from(
        list("0123456789.,;:-–—−+±×x*·^{}()[]<>≤≥≈~%°/ \n\t")
        + ["e", "E", "S", "cm", "mS", "Ω", "K", "C", "h", "min", "eV", "mol", "wt", "at", "to",
           "and", "between", "from", "respectively", "up to", "as high as", "10", "⁻", "¹", "²",
           "⁴", "µ", "μm", "\u00a0", "\u2009", "&gt;", "Fig.", "x =", "°C", "℃", "Å", "per",
           "percent", "hours", "\ud7ff", "\u0663", "𝟙"]
    ),
    max_size=120,
).map("".join)  # fmt: skip


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(SOUP)
def test_quantity_never_raises_on_symbol_soup(nlp, text):
    warnings = _Warnings()
    logger = logging.getLogger("miner.quantities")
    logger.addHandler(warnings)
    try:
        doc = nlp(text)
    finally:
        logger.removeHandler(warnings)
    assert warnings.records == []  # the component's safety net was never needed
    for key in ("llzo_quantity", "llzo_condition"):
        for span in doc.spans[key]:
            assert 0 <= span.start_char < span.end_char <= len(text)
            assert math.isfinite(span._.value)
            assert span._.comparator in ("=", "<", ">", "<=", ">=", "~")


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_quantity_never_raises_on_any_text(text):
    for found in find_quantities(text):
        assert 0 <= found.start <= found.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 200_000,
        "1.1." * 50_000,
        "× 10^-" * 30_000,
        "1, " * 60_000 + "and 5 h, respectively",
        "(" * 100_000 + "1 S cm-1",
        "10-4 " * 40_000,
        "at 25 °C " * 20_000,
        "0.5 mS/cm " * 20_000,
        "1,2,3," * 30_000,
        "- " * 100_000 + "5 h",
        "± " * 100_000,
        "e-" * 100_000,
        "1 ± 2 ± " * 20_000,
        "between 1 and " * 20_000 + "5 h",
        "two days " * 20_000,
        "2 × " * 40_000 + "2 m",
        "5 h two days " * 10_000,
    ],
    ids=lambda t: repr(t[:12]),
)
def test_quantity_hostile_text_completes(text):
    """Long digit runs and symbol soups finish (the suite's timeout is the only clock here;
    bench/quantities.py prints the time per character as the size grows)."""
    assert isinstance(find_quantities(text), list)


PROCESS_WORDS = st.lists(
    st.sampled_from(["Sintered", "sinter", "first", "current", "at", "25", "°C", "the", "held",
                     "Heat-treated", "temperature of", "temperatures", "  ", "cured", "PRESSED",
                     "fir", "curing", "kept", "processing", "x", "é"]),
    max_size=12,
).map(" ".join)  # fmt: skip


@given(PROCESS_WORDS)
def test_quantity_process_word_stems_match_the_regex(text):
    """The stem prefilter of ``_is_condition`` finds a processing word exactly when the regex
    does (every alternative of PROCESS_RE holds one of the stems)."""
    lowered = text.lower()
    shortcut = any(stem in lowered for stem in quantity_conditions.PROCESS_STEMS) and bool(
        quantity_conditions.PROCESS_RE.search(lowered)
    )
    assert shortcut is bool(quantity_conditions.PROCESS_RE.search(text))


BEFORE_VALUE = st.lists(
    st.sampled_from(["up to", "as high as", "no less than", "less than", "about", "About", "(",
                     "[", " ", "  ", "~", "≈", ">", "<=", "&gt;", "T", "x", "careless", "than",
                     "on the order of", "of", "nearly", "ca.", "≤", "a" * 7]),
    max_size=8,
).map("".join)  # fmt: skip


@given(BEFORE_VALUE)
def test_quantity_comparator_read_backwards_matches_the_search(before):
    """``comparator_before`` reads the window before a value backwards; it finds what
    ``COMPARATOR_RE`` finds searching forwards."""
    text = before + "5 h"
    start = len(before)
    found = comparators.COMPARATOR_RE.search(text, max(0, start - comparators.CMP_WINDOW), start)
    expected = ("=", start)
    if found is not None:
        printed = (found.group("cmp") or found.group("symbol")).lower()
        expected = (comparators.COMPARATORS[printed], found.start())
    assert comparators.comparator_before(text, start) == expected
