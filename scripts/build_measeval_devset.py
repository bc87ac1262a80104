"""Builds ``tests/miner/data/measeval/devset.jsonl`` from a local copy of MeasEval (SemEval-2021
Task 8, github.com/harperco/MeasEval): every paragraph its organisers annotated, with the text
(CC-BY articles of the OA-STM corpus) and its measures of the unit families the project claims,
in the quantity dev set's form (value, value_max, unit, comparator, uncertainty; one measure per
list item). The reading of MeasEval's spans is this script's own, independent of the recogniser
(no import from miner/): a unit table written by hand, a small number reader, and a table of
readings given by hand where the span is not a plain number, range, list or tolerance.

    python scripts/build_measeval_devset.py /path/to/MeasEval [--check]

``--check`` prints every quantity the reader could not read (left out) instead of writing.
Conventions and where they differ from MeasEval's: tests/miner/data/measeval/README.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "miner" / "data" / "measeval"
PARTS = (("trial", "tsv", "txt"), ("train", "tsv", "text"), ("eval", "tsv", "text"))

# MeasEval's "unit" -> (canonical unit, factor, offset): canonical = printed * factor + offset.
# Only SI units, their prefixes and the non-SI units the project names (Å, °C, K, h, min, day,
# week, month, year, %, ppm, ‰, bar, Torr, eV) in the claimed families; see the README for what
# is left out and why.
_H_YEAR = 8766.0  # a Julian year in hours (pint's "year")
UNITS: dict[str, tuple[str, float, float]] = {
    "%": ("%", 1, 0), "percent": ("%", 1, 0), "wt.%": ("%", 1, 0), "wt%": ("%", 1, 0),
    "wt. %": ("%", 1, 0), "weight%": ("%", 1, 0), "vol%": ("%", 1, 0), "% (w/v)": ("%", 1, 0),
    "% ΔE/E": ("%", 1, 0), "ppm": ("%", 1e-4, 0), "ppm by mass": ("%", 1e-4, 0),
    "‰": ("%", 0.1, 0),
    "K": ("degC", 1, -273.15), "°C": ("degC", 1, 0),
    "m": ("um", 1e6, 0), "m thick": ("um", 1e6, 0), "meters": ("um", 1e6, 0),
    "metre": ("um", 1e6, 0), "mm": ("um", 1e3, 0), "mm per side": ("um", 1e3, 0),
    "cm": ("um", 1e4, 0), "centimeters": ("um", 1e4, 0), "km": ("um", 1e9, 0),
    "μm": ("um", 1, 0), "nm": ("um", 1e-3, 0), "Å": ("um", 1e-4, 0), "fm": ("um", 1e-9, 0),
    "s": ("h", 1 / 3600, 0), "second": ("h", 1 / 3600, 0), "ms": ("h", 1e-3 / 3600, 0),
    "μs": ("h", 1e-6 / 3600, 0), "min": ("h", 1 / 60, 0), "minutes": ("h", 1 / 60, 0),
    "h": ("h", 1, 0), "hr": ("h", 1, 0), "hour": ("h", 1, 0), "hours": ("h", 1, 0),
    "day": ("h", 24, 0), "days": ("h", 24, 0), "week": ("h", 168, 0), "weeks": ("h", 168, 0),
    "month": ("h", _H_YEAR / 12, 0), "months": ("h", _H_YEAR / 12, 0),
    "year": ("h", _H_YEAR, 0), "years": ("h", _H_YEAR, 0), "yrs": ("h", _H_YEAR, 0),
    "year-old": ("h", _H_YEAR, 0),
    "MPa": ("GPa", 1e-3, 0), "GPa": ("GPa", 1, 0), "mbar": ("GPa", 1e-7, 0),
    "mBar": ("GPa", 1e-7, 0), "μbar": ("GPa", 1e-10, 0), "nbar": ("GPa", 1e-13, 0),
    "Torr": ("GPa", 133.322368e-9, 0),
    "eV": ("eV", 1, 0), "meV": ("eV", 1e-3, 0), "keV": ("eV", 1e3, 0), "MeV": ("eV", 1e6, 0),
    "nJ": ("eV", 1e-9 / 1.602176634e-19, 0),
    "V": ("V", 1, 0), "kV": ("V", 1e3, 0), "mA": ("mA", 1, 0), "mA/cm2": ("mA/cm^2", 1, 0),
    "g cm−3": ("g/cm^3", 1, 0), "kg/m3": ("g/cm^3", 1e-3, 0),
    "g/m3": ("g/cm^3", 1e-6, 0), "mg cm− 2": ("mg/cm^2", 1, 0),
    "g m−2": ("mg/cm^2", 0.1, 0), "kg s−1": ("g/h", 3.6e6, 0), "kgs-1": ("g/h", 3.6e6, 0),
    "Mt/yr": ("g/h", 1e12 / _H_YEAR, 0),
}  # fmt: skip

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_MINUS = "−–-"
_MINUS_CLASS = r"−–\-"
# a printed number: a sign (not after a digit: "2–10" is a range), digits (thousands groups),
# decimals, a "(4)" last-digit uncertainty, a power of ten ("× 10−8", "×10-10"); or a number word
NUMBER_RE = re.compile(
    rf"(?<![\d.])10(?P<bare>−\d+)(?![\d.])"  # a power of ten printed flat: "10−5 mbar"
    rf"|(?:(?<![^\s(∼~<>≈⩽⩾≤≥=])(?P<sign>[{_MINUS_CLASS}+]))?(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?|\.\d+)"
    r"(?:\((?P<last>\d+)\))?"
    rf"(?:\s?[×x]\s?10(?P<power>[{_MINUS_CLASS}]?\d+))?"
    rf"|\b(?P<word>{'|'.join(WORDS)})\b",
    re.IGNORECASE,
)
# comparator words just before the first number (the project's conventions,
# tests/miner/data/quantities/README.md), longest first
COMPARATORS = (
    ("not more than", "<="), ("no more than", "<="), ("not less than", ">="),
    ("no less than", ">="), ("less than", "<"), ("lower than", "<"), ("below", "<"),
    ("under", "<"), ("<", "<"),
    ("better than", "<"), ("greater than", ">"), ("more than", ">"), ("above", ">"),
    ("as much as", ">="), ("as high as", ">="), ("exceeding", ">"), ("beyond", ">"),
    (">", ">"), ("up to", "<="), ("upto", "<="),
    ("down to", "<="), ("as low as", "<="), ("low as", "<="), ("≤", "<="), ("⩽", "<="),
    ("at least", ">="), ("≥", ">="), ("⩾", ">="), ("approximately", "~"), ("about", "~"),
    ("around", "~"), ("nearly", "~"), ("near", "~"), ("almost", "~"), ("close to", "~"),
    ("roughly", "~"), ("ca.", "~"), ("of the order of", "~"), ("in the order of", "~"),
    ("on the order of", "~"), ("∼", "~"), ("~", "~"), ("≈", "~"),
)  # fmt: skip
# readings that are not a plain number, range, list or tolerance, written by hand: paragraph id
# and MeasEval start offset -> measures as (text of the measure, value, value_max, comparator,
# uncertainty), in the unit printed at the end of the text (else the span's); None leaves the
# quantity out (no definite number)
_Hand = list[tuple[str, float, float | None, str, float | None]] | None
BY_HAND: dict[tuple[str, int], _Hand] = {
    ("S0012821X13002185-1061", 390): None,  # "million-year"
    ("S0012821X13002185-1217", 1022): [("1.23±0.25‰", 1.23, None, "=", 0.25)],
    # a range with one end vague: the other end is a measure
    ("S0019103511004994-1511", 313): [("20 keV", 20, None, "~", None)],
    ("S0019103512003533-5251", 529): [("563–624) ± 30 K", 563, 624, "=", 30)],
    ("S0019103512003995-1910", 597): None,  # "within a month and a half"
    ("S0012821X12004384-1221", 662): [("200 and >1000 m", 200, 1000, "=", None)],
    # superscripts lost in MeasEval's text: "109–1010" is 10^9 to 10^10
    ("S0019103512003995-2737", 812): [("109–1010 kg s−1", 1e9, 1e10, "=", None)],
    ("S0019103512004009-5271", 294): [("6 × 106 kg s−1", 6e6, None, "=", None)],
    ("S0019103512004009-5271", 464): [(">107kgs-1", 1e7, None, ">", None)],
    ("S0019103513005058-4175", 549): None,  # "top few tens of centimeters"
    ("S0019103513005058-4302", 581): [("3.5–6.1 (×10−4) wt.%", 3.5e-4, 6.1e-4, "=", None)],
    ("S0167819113001051-1247", 327): [("50% to around 80%", 50, 80, "=", None)],
    ("S027737911400050X-2401", 641): None,  # "several hundred or even more than a thousand"
    ("S0378383912000130-3732", 246): [("1.5 mm", 1.5, None, "=", None),
                                      ("8.5 mm", 8.5, None, "=", None)],
    ("S1359645413009816-2973", 1020): [("0.28–0.42)×10-10m", 0.28e-10, 0.42e-10, "=", None)],
    ("S1359645413009816-2973", 1091): [("0.39–0.41)×10-10m", 0.39e-10, 0.41e-10, "=", None)],
    ("S1388248113001951-339", 252): [("1.3", 1.3, None, "=", None), ("2.4", 2.4, None, "=", None),
                                     ("2.2 mg cm− 2", 2.2, None, "=", None)],
    ("S1750583613004192-1267", 416): [("thirty percent", 30, None, "~", None)],
    ("S0016236113008041-3127", 938): [("600 °C", 600, None, "=", None),
                                      ("750 °C", 750, None, "<=", None)],
    ("S0019103511004994-1607", 1084): None,  # "tens to hundreds keV"
    ("S0032063313003218-5381", 402): None,  # "on the order of a few tens of minutes"
    # "(15%, ±t0.05,dƒ = 14–75%)": the ± is a t statistic, not this value's uncertainty
    ("S0038071711004354-2370", 186): [("15%", 15, None, "=", None)],
    ("S0038071711004354-2370", 246): [("5%", 5, None, "=", None)],
    ("S1359645413009816-2227", 228): [("9.3", 9.3, None, "=", None),
                                      ("7.3 mm", 7.3, None, "=", None)],
    ("S0960148113005727-1451", 355): [("12% to just 2%", 12, 2, "=", None)],
    ("S0032386113005454-2865", 278): [("10 wt%", 10, None, "=", None),
                                      ("20 wt%", 20, None, "=", None)],
    ("S1750583613004192-1689", 521): None,  # "hundreds of meters"
    ("S0019103512004009-3825", 386): [("0.5 nbar", 0.5, None, "=", None),
                                      ("0.1 nbar", 0.1, None, "=", None)],
    ("S0012821X12004384-1249", 797): None,  # "ranging from 1 to 25 per mm": a count per mm
    ("S1750583613004192-1689", 827): None,  # "less than a few thousand years"
}  # fmt: skip

# measures MeasEval did not annotate, found on the dev split (never the held-out one): paragraph
# id -> (printed text, value, unit of UNITS); every occurrence in the paragraph is a measure
ADDED: dict[str, list[tuple[str, float, str]]] = {
    # wavelengths naming spectral lines ("the C II 1334.5 Å line")
    "S0019103512003995-2681": [("1334.5 Å", 1334.5, "Å"), ("1335.7 Å", 1335.7, "Å")],
    "S0019103512003995-1237": [("1334.5 Å", 1334.5, "Å"), ("1335.7 Å", 1335.7, "Å")],
}


def _number(match: re.Match[str]) -> tuple[float, float | None]:
    """A printed number and its last-digit uncertainty ("4.2153(4)": 0.0004)."""
    if match.group("bare"):
        return 10.0 ** int(match.group("bare").replace("−", "-")), None
    if match.group("word"):
        return float(WORDS[match.group("word").lower()]), None
    digits = match.group("digits").replace(",", "")
    value = float(digits)
    power = match.group("power")
    scale = 10.0 ** int(power.translate(str.maketrans("−–", "--"))) if power else 1.0
    if match.group("sign") and match.group("sign") in _MINUS:
        value = -value
    last = None
    if match.group("last"):
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        last = int(match.group("last")) * 10.0**-decimals * scale
    return value * scale, last


def _comparator(head: str, before: str, after: str) -> str:
    """The comparator written in the span before its first number, else just before the span
    (MeasEval leaves out modifiers that are not next to the number), else just after it
    ("10% or more")."""
    head = head.lower().strip()
    found = [(head.rfind(word) + len(word), len(word), sign) for word, sign in COMPARATORS
             if word in head]  # fmt: skip
    if found:  # the one nearest the number ("below ∼460 K" is ~, as in the other dev set)
        return max(found)[2]
    for word, sign in COMPARATORS:
        if re.search(rf"(?<![a-z]){re.escape(word)}\s*$", before.lower()):
            return sign
    trailing = re.match(r"\s*or (more|higher|greater|less|lower)\b", after)
    if trailing:
        return ">=" if trailing.group(1) in ("more", "higher", "greater") else "<="
    return "="


# a span's unit as printed after a number: the longest key of UNITS that ends a word there
_UNIT_ALTERNATIVES = "|".join(re.escape(u) for u in sorted(UNITS, key=len)[::-1])
_UNIT_AFTER_RE = re.compile(rf"\s?({_UNIT_ALTERNATIVES})(?![A-Za-z0-9²³⁻−/·])")
# what would make the unit part of a larger one ("m s−1", "mg/L", "cm3")
_UNIT_GOES_ON_RE = re.compile(r"\s?(?:[/·⁻−^²³\d]|[a-zA-Z]?s−1|per\s)")
_DIGIT_UNITS = [u for u in UNITS if re.search(r"\d", u)]
Reading = tuple[int, int, float, float | None, str, float | None]


def span_unit(text: str, after: str) -> str | None:
    """The unit printed after the span's last number, when MeasEval gave none (it often did
    not: "as low as 25 km", "20–40 cm"): a unit of the table that ends the span, or that
    follows a span of bare numbers (a count by MeasEval's rules: "all [7] months")."""
    numbers = list(NUMBER_RE.finditer(text))
    if not numbers:
        return None
    if numbers[-1].end() == len(text):
        match = _UNIT_AFTER_RE.match(after)
        return None if match is None or _UNIT_GOES_ON_RE.match(after, match.end()) else match[1]
    match = _UNIT_AFTER_RE.match(text, numbers[-1].end())
    if match is None or text[match.end() :].strip(" .,;)") not in ("", "higher", "lower"):
        return None
    return None if _UNIT_GOES_ON_RE.match(after) else match.group(1)


def read(text: str, unit: str, mods: list[str], before: str, after: str) -> list[Reading] | None:
    """(start, end, value, value_max, comparator, uncertainty) of each measure in one MeasEval
    quantity span, offsets in the span, values in the canonical unit (each number in the unit
    printed after it, else the span's); None when the span is not a shape read here."""
    masked = text
    for printed in (unit, *_DIGIT_UNITS):  # digits of a unit ("cm−3") are no number
        masked = masked.replace(printed, "\0" * len(printed))
    numbers = list(NUMBER_RE.finditer(masked))
    if not numbers or any(w in text.lower() for w in ("few", "several", "tens", "hundreds")):
        return None
    at = text.rfind(unit)
    end = at + len(unit) if at >= numbers[-1].end() else len(text.rstrip(" .,)"))
    first = numbers[0]
    start = first.start()
    if start and text[start - 1] in "<>≤≥⩽⩾∼~≈±":
        start -= 1
    comparator = _comparator(text[: first.start()], before, text[end:] + after)
    if (
        any(m.startswith("IsApproximate") for m in mods)
        and comparator == "="
        and (re.search(r"∼|~|≈|approx|about|around", text[first.start() :]))
    ):
        comparator = "~"
    between = [  # what comes between two numbers, less a unit printed after the first
        _UNIT_AFTER_RE.sub("", masked[a.end() : b.start()].replace("\0", ""), count=1)
        for a, b in zip(numbers, numbers[1:], strict=False)
    ]
    values = []
    for m in numbers:
        printed = _UNIT_AFTER_RE.match(text, m.end())
        canonical, factor, offset = UNITS[printed.group(1) if printed else unit]
        number, last = _number(m)
        values.append((number * factor + offset, None if last is None else last * factor))
    factor = UNITS[unit][1]
    if len(numbers) == 1:
        value, last = values[0]
        return [(start, end, value, None, comparator, last)]
    if len(numbers) == 2 and re.fullmatch(r"[\s(]*±\s*", between[0].replace(unit, "")):
        return [(start, end, values[0][0], None, comparator, abs(_number(numbers[1])[0] * factor))]
    glue = between[0].replace(unit, "").strip(" ∼~")
    ranged = "between" in (before[-12:] + text[: first.start()]).lower()
    if len(numbers) == 2 and (re.fullmatch(r"[–-]|to", glue) or (glue == "and" and ranged)):
        return [(start, end, values[0][0], values[1][0], comparator, None)]
    if all(re.fullmatch(r"\s*(?:,|,?\s*and|or|/|×)?\s*", b) for b in between):
        items = []
        for i, m in enumerate(numbers):
            item_end = m.end()
            rest = text[m.end() :]
            if rest.lstrip().startswith(unit):
                item_end = m.end() + len(rest) - len(rest.lstrip()) + len(unit)
            if i == len(numbers) - 1:
                item_end = max(item_end, end)
            items.append((m.start(), item_end, values[i][0], None, "=" if i else comparator,
                          values[i][1]))  # fmt: skip
        return items
    return None


def _paragraphs(root: Path):
    for part, tsv, text in PARTS:
        for path in sorted((root / "data" / part / tsv).glob("*.tsv")):
            pid = path.stem
            body = (root / "data" / part / text / f"{pid}.txt").read_text(encoding="utf-8")
            with path.open(encoding="utf-8") as handle:
                rows = [r for r in csv.DictReader(handle, delimiter="\t")
                        if r["annotType"] == "Quantity"]  # fmt: skip
            yield part, pid, body, rows


def build(root: Path, check: bool = False) -> list[dict]:
    lines = []
    for part, pid, body, rows in _paragraphs(root):
        measures = []
        for row in rows:
            other = json.loads(row["other"]) if row["other"] else {}
            qstart, qend = int(row["startOffset"]), int(row["endOffset"])
            before, after = body[max(0, qstart - 30) : qstart], body[qend : qend + 30]
            unit = other.get("unit")
            text = row["text"]
            if unit not in UNITS:
                unit = span_unit(text, after)
                printed = _UNIT_AFTER_RE.match(after) if unit else None
                if printed and not _UNIT_AFTER_RE.search(text):  # the unit follows the span
                    text, after = text + after[: printed.end()], after[printed.end() :]
            if unit is None:
                continue
            canonical, factor, offset = UNITS[unit]
            key = (pid, qstart)
            if key in BY_HAND:
                given = BY_HAND[key]
                if given is None:
                    continue
                found = []
                for printed, value, value_max, comparator, uncertainty in given:
                    at = body.index(printed, qstart)
                    # each in the unit printed in it ("20 keV" of a span annotated in MeV)
                    canonical, factor, offset = UNITS[span_unit(printed, "") or unit]
                    found.append((
                        at - qstart, at - qstart + len(printed), value * factor + offset,
                        None if value_max is None else value_max * factor + offset,
                        comparator, None if uncertainty is None else uncertainty * factor,
                    ))  # fmt: skip
            else:
                found = read(text, unit, other.get("mods", []), before, after)
            if found is None:
                if check:
                    print(f"{part} {pid} {qstart} {row['text']!r} {other.get('mods', [])}")
                continue
            for start, end, value, value_max, comparator, uncertainty in found:
                measures.append({
                    "start": qstart + start, "end": qstart + end,
                    "value": float(f"{value:.10g}"),
                    "value_max": None if value_max is None else float(f"{value_max:.10g}"),
                    "unit": canonical, "comparator": comparator,
                    "uncertainty": None if uncertainty is None
                    else float(f"{uncertainty:.10g}"),
                    "measeval": part,
                })  # fmt: skip
        for printed, value, unit in ADDED.get(pid, []):
            canonical, factor, offset = UNITS[unit]
            for match in re.finditer(re.escape(printed), body):
                measures.append({
                    "start": match.start(), "end": match.end(),
                    "value": float(f"{value * factor + offset:.10g}"), "value_max": None,
                    "unit": canonical, "comparator": "=", "uncertainty": None,
                    "measeval": "added",
                })  # fmt: skip
        article, _, paragraph = pid.rpartition("-")
        lines.append({
            "source": "measeval", "doc": article, "sentence": int(paragraph),
            "sha1": hashlib.sha1(body.encode()).hexdigest()[:12], "text": body,
            "measures": sorted(measures, key=lambda m: (m["start"], m["end"])),
        })  # fmt: skip
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("measeval", type=Path, help="a checkout of github.com/harperco/MeasEval")
    parser.add_argument("--check", action="store_true", help="list what could not be read")
    args = parser.parse_args(argv)
    lines = build(args.measeval, args.check)
    if not args.check:
        OUT.mkdir(parents=True, exist_ok=True)
        with (OUT / "devset.jsonl").open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"{len(lines)} paragraphs, {sum(len(x['measures']) for x in lines)} measures",
          file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
