"""The frozen ``Formula`` value: a chemical formula parsed, normalised and charge-checked.

pymatgen's ``Composition`` reads the formula grammar (element symbols, decimal amounts, nested
parentheses); this module adds what papers write on top of it
(docs/decisions/0201-formula-parser.md; the elements and their
oxidation states are those of ``miner.chemistry.elements``):

- variable subscripts: ``Li7-3xGaxLa3Zr2O12``, ``SrLa(1-x)MgTaO6``, ``Li_{7+a-c-2d}La3...``,
  ``Li3xLa(2/3-x)TiO3`` -- resolved with ``values={"x": 0.25}``; unresolved ones raise
  ``UnresolvedFormula`` (a ``ValueError``) so a general formula never passes as a concrete one;
- written order kept: ``Formula.parse("Li6.25Ga0.25La3Zr2O12").normalized`` is the same string,
  while equality ignores order (``Li7La3Zr2O12 == La3Li7Zr2O12``);
- only the 118 real elements: pymatgen would read ``NCM523`` as N, C and a dummy "M" species.

Charge balance uses pymatgen's common oxidation states and allows mixed valence: a formula is
balanced when zero lies between the most negative and the most positive total charge its elements'
common states can give (``Li6.25Ga0.25La3Zr2O12`` -> True, ``Li7La3Zr2O13`` -> False). pymatgen's
``oxi_state_guesses`` refuses fractional amounts, which is every doped garnet.
"""

from __future__ import annotations

import ast
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from pymatgen.core import Composition
from pymatgen.core.periodic_table import Element

from miner.chemistry.elements import ELEMENT_PATTERN, ELEMENTS, OXIDATION_STATES

# letters that may stand for a variable amount without braces: none of them is the second letter
# of an element symbol, so "Gax" is Ga with x and never an element "Ax"
BARE_VARIABLES = "xyzδ"
_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_TERM = rf"(?:{_NUMBER}?[{BARE_VARIABLES}]|{_NUMBER})"
_EXPRESSION = rf"{_TERM}(?:[+\-−]{_TERM})*"
_BRACED = r"_?\{[0-9a-zδ+\-−./ ]+\}"  # Li_{7+a-c-2d}
_PAREN_AMOUNT = r"\([0-9xyzδ+\-−./ ]+\)"  # La(1-x), La(2/3-x)
AMOUNT = rf"(?:{_BRACED}|{_PAREN_AMOUNT}|_?{_EXPRESSION})"
_GROUP = rf"(?:(?:{ELEMENT_PATTERN})|\((?:(?:{ELEMENT_PATTERN}){AMOUNT}?)+\))"
FORMULA = rf"(?:{_GROUP}{AMOUNT}?)+"
FORMULA_RE = re.compile(FORMULA)
_AMOUNT_RE = re.compile(rf"(?<=[A-Za-z)])({AMOUNT})")
# an amount written without braces of numbers alone joined by + or -: no amount ("O12-8")
_NUMBERS_ONLY = re.compile(rf"_?{_NUMBER}(?:[+\-−]{_NUMBER})+")
_IMPLICIT_PRODUCT = re.compile(r"(\d)\s*([a-zδ(])")
_BINOPS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
TOLERANCE = 1e-6


class UnresolvedFormula(ValueError):
    """A general formula whose variable amounts were not given."""


def _evaluate(node: ast.AST, values: Mapping[str, float], text: str) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, values, text)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise UnresolvedFormula(f"Invalid formula={text!r}: no value for {node.id!r}")
        return float(values[node.id])
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, values, text)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        left = _evaluate(node.left, values, text)
        return _BINOPS[type(node.op)](left, _evaluate(node.right, values, text))
    raise ValueError(f"Invalid formula={text!r}: cannot read an amount")


def amount_value(expression: str, values: Mapping[str, float] | None = None) -> float:
    """The number a subscript expression stands for: "7-3x" with x=0.25 -> 6.25."""
    expr = expression.strip("_{}() ").replace("−", "-").replace("δ", "d_")
    expr = _IMPLICIT_PRODUCT.sub(r"\1*\2", expr)
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError as err:
        raise ValueError(f"Invalid formula amount={expression!r}") from err
    names = {k.replace("δ", "d_"): v for k, v in (values or {}).items()}
    try:
        return _evaluate(tree, names, expression)
    except ArithmeticError as err:  # a 400-digit subscript, a division by zero
        raise ValueError(f"Invalid formula amount={expression[:40]!r}: {err}") from None


def variables(text: str) -> frozenset[str]:
    """Variable names in the amounts of a formula as written ("Li7-3xGaxLa3Zr2O12" -> {"x"})."""
    found: set[str] = set()
    for match in _AMOUNT_RE.finditer(text):
        found.update(ch for ch in match.group(1) if ch.isalpha())
    return frozenset(found)


def _format_amount(amount: float) -> str:
    if abs(amount - 1.0) < TOLERANCE:
        return ""
    text = f"{amount:.6f}".rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class Formula:
    """Element amounts in written order; equal when the amounts are equal, whatever the order."""

    amounts: tuple[tuple[str, float], ...]

    def __post_init__(self) -> None:
        merged: dict[str, float] = {}
        for element, amount in self.amounts:
            if element not in ELEMENTS:
                raise ValueError(f"Invalid {element=} in formula")
            if not math.isfinite(amount) or amount < -TOLERANCE:
                raise ValueError(f"Invalid {amount=} for {element} in formula")
            merged[element] = merged.get(element, 0.0) + amount
        kept = tuple((e, round(a, 6)) for e, a in merged.items() if a > TOLERANCE)
        if not kept:
            raise ValueError(f"Invalid formula without elements: {self.amounts!r}")
        object.__setattr__(self, "amounts", kept)

    @classmethod
    def parse(cls, text: str, values: Mapping[str, float] | None = None) -> Formula:
        """Read a formula as written; variable amounts are taken from ``values``."""
        return _parse(text.strip(), tuple(sorted((values or {}).items())))

    @property
    def normalized(self) -> str:
        return "".join(f"{e}{_format_amount(a)}" for e, a in self.amounts)

    @property
    def elements(self) -> tuple[str, ...]:
        return tuple(e for e, _ in self.amounts)

    def amount(self, element: str) -> float:
        return dict(self.amounts).get(element, 0.0)

    def charge_range(self) -> tuple[float, float]:
        """The lowest and highest total charge the elements' common oxidation states allow."""
        low = high = 0.0
        for element, amount in self.amounts:
            states = OXIDATION_STATES.get(element) or (0,)
            low += amount * min(states)
            high += amount * max(states)
        return low, high

    def charge_balanced(self) -> bool:
        """True when some assignment of common oxidation states (mixed valence allowed) sums
        to zero."""
        if any(not OXIDATION_STATES.get(e) for e in self.elements):
            return False
        low, high = self.charge_range()
        slack = 1e-3 * sum(a for _, a in self.amounts)
        return low - slack <= 0.0 <= high + slack

    def _key(self) -> tuple[tuple[str, float], ...]:
        return tuple(sorted((e, round(a, 4)) for e, a in self.amounts))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Formula) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __str__(self) -> str:
        return self.normalized


@lru_cache(maxsize=4096)
def _parse(text: str, values: tuple[tuple[str, float], ...]) -> Formula:
    if not text or FORMULA_RE.fullmatch(text) is None:
        raise ValueError(f"Invalid formula={text!r}")
    table = dict(values)

    def concrete(match: re.Match[str]) -> str:
        amount = match.group(1)
        if _NUMBERS_ONLY.fullmatch(amount):
            # "Li7La3Zr2O12-8 wt.%", "LLZO-5": a number after a dash labels a sample or starts
            # an amount; nobody writes O4 as "O12-8"
            raise ValueError(f"Invalid formula={text!r}: {amount!r} is no amount")
        return _format_amount(amount_value(amount, table)) or "1"

    plain = _AMOUNT_RE.sub(concrete, text)
    try:
        composition = Composition(plain)
    except (ValueError, KeyError) as err:
        raise ValueError(f"Invalid formula={text!r}: {err}") from err
    return Formula(tuple((str(el), float(amt)) for el, amt in composition.items()))


def normalize_formula(text: str, values: Mapping[str, float] | None = None) -> str | None:
    """The normalised formula, or None when ``text`` is not one concrete formula."""
    try:
        return Formula.parse(text, values).normalized
    except ValueError:
        return None


@lru_cache(maxsize=8192)
def canonical_formula(formula: str | None) -> str | None:
    """Element amounts in one canonical order (pymatgen's: by electronegativity, then symbol),
    amounts rounded to 4 decimals and 1 left out, whatever the order or notation written:
    ``La3Li7Zr2O12`` and ``Li7La3Zr2O12`` both give ``Li7La3Zr2O12``,
    ``Li6.25Ga0.25La3Zr2O12`` gives ``Li6.25La3Zr2Ga0.25O12``. ``None`` when ``formula`` is not
    one concrete formula."""
    if not formula:
        return None
    try:
        amounts = Formula.parse(formula).amounts
    except ValueError:
        return None
    return canonical_amounts(amounts)


def canonical_amounts(amounts: Iterable[tuple[str, float]]) -> str:
    """Element amounts as one canonical formula string (``canonical_formula``'s order)."""

    def order(item: tuple[str, float]) -> tuple[float, str]:
        x = Element(item[0]).X
        return (x if not math.isnan(x) else 99.0, item[0])

    parts = []
    for element, amount in sorted(amounts, key=order):
        text = format(round(amount, 4), ".10g")
        parts.append(element + ("" if text == "1" else text))
    return "".join(parts)
