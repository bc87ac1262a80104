"""Compare `llzo-kg extract` output across the record-form change of issue #14 (the untyped
``extra`` map replaced by typed fields, decision 0305).

    python scripts/compare_records.py OLD.jsonl NEW.jsonl

``upgrade`` maps a record of the old form onto the new one: ``extra.comparator`` -> ``comparator``
("=" when absent; "≈" is "~"), ``extra.calculation`` (text facts) / ``extra.calculated`` (table
facts) or, for statements, which carried no flag, "calculation" among the methods -> ``basis``
"calculated" (else "experimental"), ``extra.note`` -> ``state``, the rest of
``extra`` -> ``provenance`` (``composition`` -> ``composition_flags``). ``material.family`` is
new information (the miner's family decision, which the graph used to guess itself); it is left
out of the comparison and summarised instead, with the facts whose graph ``isGarnet`` changes
(the graph's old name/formula heuristic against ``family == "garnet"``) and those whose graph
``calculated`` changes (it read only the table facts' flag, or "every method is calculation").

Prints the records that differ after the mapping (none: the information is identical) and the
summary; exit status 1 when a record differs.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

_COMPARATORS = {"≈": "~", "≥": ">=", "≤": "<="}
_PROVENANCE = ("link", "value_start", "value_end", "table", "row", "group", "method_text")
# graph/rows.is_garnet before issue #14: an LLZO-like formula (given or written) or an
# LLZ*/garnet name
_OLD_GARNET_FORMULA = re.compile(r"^Li.*La\d.*O1[12]")


def upgrade(old: dict[str, Any]) -> dict[str, Any]:
    """The old record form (version 1 + ``extra``) in the typed form, ``family`` aside."""
    extra = old.get("extra", {})
    new = {k: v for k, v in old.items() if k not in ("extra", "material")}
    new["material"] = {"text": old["material"]["text"], "formula": old["material"]["formula"]}
    comparator = extra.get("comparator", "=")
    new["comparator"] = _COMPARATORS.get(comparator, comparator)
    calculated = extra.get("calculation") is True or extra.get("calculated") is True
    calculated = calculated or "calculation" in old["methods"]  # statements carry no flag
    new["basis"] = "calculated" if calculated else "experimental"
    new["state"] = extra.get("note")
    new["provenance"] = {
        **{k: extra.get(k) for k in _PROVENANCE},
        "composition_flags": extra.get("composition", []),
        "merged_rows": extra.get("merged_rows", []),
    }
    return new


def _without_family(new: dict[str, Any]) -> dict[str, Any]:
    record = dict(new)
    record["material"] = {k: v for k, v in new["material"].items() if k != "family"}
    return record


def old_is_garnet(material: dict[str, Any]) -> bool:
    text = material["text"]
    formulas = (material["formula"] or "", text.strip())
    if any(_OLD_GARNET_FORMULA.match(f) for f in formulas):
        return True
    return any(word in text.lower() for word in ("llz", "garnet"))


def compare(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """Lines describing every difference after the mapping (empty: identical)."""
    out = []
    if len(old) != len(new):
        out.append(f"{len(old)} old records, {len(new)} new")
    for n, (a, b) in enumerate(zip(old, new, strict=False)):
        mapped, typed = upgrade(a), _without_family(b)
        if mapped != typed:
            keys = sorted(k for k in mapped.keys() | typed.keys() if mapped.get(k) != typed.get(k))
            out.append(f"record {n}: {', '.join(keys)}")
            for k in keys:
                out.append(f"  old {k}: {mapped.get(k)!r}")
                out.append(f"  new {k}: {typed.get(k)!r}")
    return out


def old_is_calculated(record: dict[str, Any]) -> bool:
    """graph/rows.is_calculated before issue #14."""
    if record.get("extra", {}).get("calculated") is True:
        return True
    return bool(record["methods"]) and all(m == "calculation" for m in record["methods"])


def summary(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[str]:
    """The families the miner decided, and the facts whose graph isGarnet or calculated
    changes."""
    families = Counter(b["material"]["family"] for b in new)
    out = ["families: " + ", ".join(f"{f} {n}" for f, n in families.most_common())]
    changed = [
        (a["material"]["text"], a["material"]["formula"], b["material"]["family"])
        for a, b in zip(old, new, strict=False)
        if old_is_garnet(a["material"]) != (b["material"]["family"] == "garnet")
    ]
    out.append(f"graph isGarnet changes on {len(changed)} facts:")
    for (text, formula, family), count in Counter(changed).most_common():
        was = "garnet" if family != "garnet" else "not garnet"
        out.append(f"  {count} x {text!r} ({formula}): was {was}, family now {family}")
    calculated = [
        (b["material"]["text"], b["property"], b["value"], tuple(b["methods"]))
        for a, b in zip(old, new, strict=False)
        if old_is_calculated(a) != (b["basis"] == "calculated")
    ]
    out.append(f"graph calculated changes on {len(calculated)} facts (now calculated):")
    out += [
        f"  {text!r} {prop} {value} {list(methods)}" for text, prop, value, methods in calculated
    ]
    return out


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    old, new = _read(Path(args[0])), _read(Path(args[1]))
    differences = compare(old, new)
    lines = differences or [f"{len(new)} records: the same information after the mapping"]
    sys.stdout.write("\n".join([*lines, *summary(old, new)]) + "\n")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
