"""Expand citation markers (``5a–e,g–i,s``, ``81–95``, ``50,w``) into reference keys and resolve
them against the reference list, saying why a key does not resolve instead of guessing.

Grammar of a marker: comma-separated items; an item is a number with an optional letter suffix
(``103``, ``5ac``), a bare letter suffix that inherits the last number (``s`` after ``5g``), or a
range of either (``81–95``, ``5a–e``, ``g–i``). A bare number naming an entry that is split into
lettered sub-entries (``[2] a) ...; b) ...``) cites the whole entry, i.e. all its sub-entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from corpus.document import Reference

MAX_RANGE = 200  # a longer range in one marker is a typo or hostile input, not a citation

_ITEM = re.compile(r"^\s*(\d{1,6})?([a-z]{0,2})\s*(?:[–—\-]\s*(\d{1,6})?([a-z]{0,2}))?\s*$")


def letters_to_int(letters: str) -> int:
    """``a`` -> 1, ``z`` -> 26, ``aa`` -> 27: the order of lettered sub-entries."""
    value = 0
    for c in letters:
        value = value * 26 + (ord(c) - 96)
    return value


def int_to_letters(value: int) -> str:
    out = ""
    while value:
        value, rest = divmod(value - 1, 26)
        out = chr(97 + rest) + out
    return out


@dataclass(frozen=True)
class Expanded:
    """Keys a marker names, and the items that could not be read as keys (with the reason)."""

    keys: tuple[str, ...]
    problems: tuple[tuple[str, str], ...]  # (item as written, reason)


def expand_marker(marker: str) -> Expanded:
    """``"5a–e,g–i,s"`` -> 5a 5b 5c 5d 5e 5g 5h 5i 5s (the number is inherited by bare letters)."""
    keys: list[str] = []
    problems: list[tuple[str, str]] = []
    number: str | None = None
    for item in marker.split(","):
        m = _ITEM.match(item)
        if not item.strip():
            problems.append((item, "empty item in the marker"))
            continue
        if m is None:
            problems.append((item.strip(), "cannot be read as a reference number or letter"))
            continue
        n1, l1, n2, l2 = m.groups()
        dash = n2 is not None or bool(l2)
        if n1:
            number = str(int(n1))
        if number is None:
            problems.append((item.strip(), "a letter with no reference number before it"))
            continue
        if not dash:
            keys.append(number + l1)
            continue
        if n2 and not l1 and not l2:  # 81–95
            lo, hi = int(number), int(n2)
            if hi < lo or hi - lo > MAX_RANGE:
                problems.append((item.strip(), f"range {lo}–{hi} is reversed or too long"))
                continue
            keys.extend(str(i) for i in range(lo, hi + 1))
            number = str(hi)
            continue
        if n2 and n2 != number or not l1 or not l2:
            problems.append((item.strip(), "a range must join two numbers or two letters"))
            continue
        lo, hi = letters_to_int(l1), letters_to_int(l2)
        if hi < lo or hi - lo > MAX_RANGE:
            problems.append((item.strip(), f"letter range {l1}–{l2} is reversed or too long"))
            continue
        keys.extend(number + int_to_letters(i) for i in range(lo, hi + 1))
    return Expanded(tuple(keys), tuple(problems))


class KeyIndex:
    """The citable keys of a reference list, and for split entries their sub-entry keys."""

    def __init__(self, references: Iterable[Reference]) -> None:
        self.keys: set[str] = set()
        self.parts: dict[str, list[str]] = {}
        self.max_number = 0
        for ref in references:
            self.keys.add(ref.key)
            self.max_number = max(self.max_number, ref.number)
            if ref.letter:
                self.parts.setdefault(str(ref.number), []).append(ref.key)

    def resolve(self, key: str) -> tuple[list[str], str | None]:
        """The reference keys ``key`` stands for, or a reason why it stands for none. In a document
        without a reference list (a plain-text paper) every key stands for itself, so its facts
        still name what they cite (the graph keeps such a reference as ``<doc>#ref<key>``)."""
        if key in self.keys:
            return [key], None
        if key in self.parts:  # a whole split entry
            return list(self.parts[key]), None
        m = re.match(r"(\d+)([a-z]*)$", key)
        number, letter = (m.group(1), m.group(2)) if m else (key, "")
        if not self.keys:  # nothing to check against: the key as written is the citation
            return [key], None
        if int(number) > self.max_number or (number not in self.parts and number not in self.keys):
            return [], f"no reference [{number}] in the list (it ends at [{self.max_number}])"
        if number in self.keys:
            return [], f"reference [{number}] has no lettered sub-entries, so no '{letter})'"
        last = self.parts[number][-1][len(number) :]
        return [], f"reference [{number}] has sub-entries a)–{last}), no '{letter})'"
