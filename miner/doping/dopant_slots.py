"""The dopant lists a phrasing reads: "with 0.4 mol% of MnO", "with Ce, Eu and Tb", "Pt and Sn
doped", "elements such as P, Sb and Bi", "M-doped TiO2 (M = Fe, Co)", "Tin as a dopant".

A mixin of ``miner.doping.slots.Reader``: it reads the reader's words and records the amount
written before a dopant in the reader's ``amounts``.
"""

from __future__ import annotations

import bisect
import re

from miner.doping.lexicon import (
    ADVERBS,
    AMOUNT,
    ANION_WORDS,
    AS_VERBS,
    CHEMICAL_WORD,
    CLAUSE_OPENERS,
    DETERMINERS,
    DOPANT_FILLERS,
    GROUP_NOUNS,
    GROUP_WORDS,
    ION,
    NOT_HOSTS,
    QUALIFIERS,
    STOP_WORDS,
    SYMBOLS,
    VALENCE_WORDS,
    Word,
    element_of,
    is_acronym,
    is_dopant_word,
    is_formula,
    is_wordlike,
    split_elements,
)


class DopantSlots:
    """Dopant lists after or before a word (see the module docstring)."""

    text: str
    words: list[Word]
    starts: list[int]  # each word's start offset
    amounts: dict[int, str]

    def after(self, word: Word) -> int:
        """Index of the first word starting at or after the end of ``word``."""
        return bisect.bisect_left(self.starts, word.end)

    def skip_back(self, i: int) -> int:
        """Index after the dopant of "N was (successfully) doped": skip auxiliaries backwards."""
        j = i
        while j > 0 and self.words[j - 1].text.lower() in ADVERBS:
            j -= 1
        return j

    def dopants_after(self, i: int, loose: bool = False, sites: bool = False) -> list[list[Word]]:
        """A list of dopants from word ``i``: "with 0.4 mol% of MnO", "with Ce, Eu and Tb".
        ``loose`` accepts a plain word as the first dopant ("doped with tetracene"); ``sites``
        accepts the replaced element of "replacing Li sites with Al"."""
        words = self.words
        items: list[list[Word]] = []
        while i < len(words):
            while i < len(words) and words[i].text.lower() in DOPANT_FILLERS - {"mol", "at", "wt"}:
                i += 1
            amount_from = i
            while i < len(words) and (
                AMOUNT.fullmatch(words[i].text)
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
            while i < len(words) and words[i].text.lower() in DOPANT_FILLERS:
                i += 1
            if i >= len(words):
                break
            group, after = self.such_as(i)
            if group:
                items.append(group)  # "elements such as P, Sb and Bi": the group, then each
                i = after
                continue
            item = self._dopant_item(i, loose and not items, listed=bool(items))
            if item is None:
                break
            if amount_from < i:
                self.amounts[item[0].start] = self.text[words[amount_from].start : words[i - 1].end]
            nxt = self.after(item[-1])
            after = words[nxt].text.lower() if nxt < len(words) else ""
            if after in ("vacancy", "vacancies") or (after in ("site", "sites") and not sites):
                break  # "introducing Li vacancies", "the Li site": no dopant
            items.append(item)
            i = nxt
            # a parenthetical symbol or ion after a name: "barium (Ba2+)"
            if i + 2 < len(words) and words[i].text == "(" and words[i + 2].text == ")":
                if is_dopant_word(words[i + 1].text):
                    items.append([words[i + 1]])
                i += 3
            if i < len(words) and words[i].text.lower() in NOT_HOSTS:
                i += 1
            if i < len(words) and words[i].text in (",", "and", "or", "and/or", "&"):
                if i + 1 < len(words) and words[i + 1].text.lower() in CLAUSE_OPENERS:
                    break  # "doped with Ga, the ZnO films ...": the list has ended
                i += 1
                if i < len(words) and words[i].text in ("and", "or"):
                    i += 1
                continue
            break
        return items

    def placeholder(self, i: int) -> list[list[Word]]:
        """ "M-doped TiO2 (M = Fe, Co, Ni)": the symbol standing for the dopants, and what the
        bracket says it stands for (one mention, as written)."""
        if i == 0:
            return []
        symbol = self.words[i - 1]
        if not re.fullmatch(r"[A-Z]{1,2}", symbol.text) or symbol.text in SYMBOLS:
            return []
        rest = self.text[self.words[i].end : self.words[i].end + 200]
        m = re.search(rf"\(\s*({re.escape(symbol.text)}\s*=\s*[^()]+?)\s*\)", rest)
        if not m or not any(element_of(p) for p in re.split(r"[\s,=]+", m.group(1))):
            return []
        start = self.words[i].end + m.start(1)
        return [[symbol], [Word(m.group(1), start, start + len(m.group(1)))]]

    def such_as(self, i: int) -> tuple[list[Word], int]:
        """ "(the V family) elements such as" from word ``i``: the group phrase and the index
        after "such as"; ([], i) when there is none."""
        words = self.words
        for k in range(i, min(i + 4, len(words) - 2)):
            low = words[k].text.lower()
            if low in STOP_WORDS or not (is_wordlike(words[k].text) or ION.match(words[k].text)):
                break
            if (
                low in GROUP_NOUNS
                and words[k + 1].text.lower() == "such"
                and words[k + 2].text.lower() == "as"
            ):
                start = i + 1 if words[i].text.lower() in DETERMINERS else i
                return words[start : k + 1], k + 3
        return [], i

    def _dopant_item(self, i: int, loose: bool, listed: bool = False) -> list[Word] | None:
        words = self.words
        w = words[i]
        low = w.text.lower()
        if listed and w.text in SYMBOLS:
            return [w]  # "Al, Ga and In": "In" is indium here
        if low in VALENCE_WORDS and i + 1 < len(words):
            nxt = words[i + 1]
            if element_of(nxt.text) or nxt.text.lower() in GROUP_WORDS:
                return self._with_enumeration(i + 1, [w, nxt])
        if low in GROUP_NOUNS and i > 0 and words[i - 1].text.lower() in QUALIFIERS:
            return [words[i - 1], w]  # "doping with different elements"
        if low in STOP_WORDS or low in DETERMINERS:
            return None
        if is_dopant_word(w.text):
            if i + 1 < len(words) and words[i + 1].text.lower() in ANION_WORDS:
                return [w, words[i + 1]]  # "cerium nitrate"
            return self._with_enumeration(i, [w])
        if loose and (CHEMICAL_WORD.fullmatch(w.text) or is_acronym(w.text)):
            return [w]  # "doped with tetracene", "doped with MOFs"
        return None

    def _with_enumeration(self, i: int, item: list[Word]) -> list[Word]:
        """ "lanthanide ions (Lu3+, La3+, Tb3+)", "Ln3+ (Ln3+ = Lu3+, La3+)": a group dopant and
        the elements it stands for, one mention."""
        words = self.words
        if words[i].text.lower().rstrip("s") not in GROUP_WORDS | {"lanthanide", "ln3+"}:
            return item
        k = i + 1
        if k < len(words) and words[k].text.lower() in ("ions", "ion", "cations"):
            k += 1
        if k < len(words) and words[k].text == "(":
            close = next(
                (m for m in range(k, min(k + 12, len(words))) if words[m].text == ")"), None
            )
            inner = words[k + 1 : close] if close else []
            if inner and any(element_of(x.text) for x in inner):
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
                if all(is_dopant_word(w.text) for w in inner):  # "(N)", "(Al, Ga) doped"
                    items[0:0] = [[w] for w in inner]
                j = k - 1
                continue
            w = words[j]
            if (
                items
                and is_formula(w.text)
                and not element_of(w.text)
                and not any(is_formula(x[-1].text) for x in items)
            ):
                break  # "MgO and lithium-doped MgO": MgO is no dopant of the second MgO
            if not (is_dopant_word(w.text) or self._compound_dopant(j) or split_elements(w)):
                break
            item = [w]
            if j > 0 and words[j - 1].text.lower() in VALENCE_WORDS:
                item.insert(0, words[j - 1])
                j -= 1
            elif (
                j > 0
                and w.text.lower() in ("acid", "acids")
                and re.fullmatch(r"[A-Za-z][a-z]+ic", words[j - 1].text)
            ):
                item.insert(0, words[j - 1])  # "phosphoric acid-doped PBI"
                j -= 1
            pieces = split_elements(w)
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
            and w.text.lower() not in STOP_WORDS
        )

    # -- phrasings ----------------------------------------------------------------------------

    def as_dopant(self, i: int) -> list[list[Word]]:
        """ "Tin as an n-type dopant", "Mg as a dopant": the word before "as"."""
        words = self.words
        k = i - 1
        while k > i - 4 and k >= 0 and words[k].text.lower() != "as":
            k -= 1
        if k >= 1 and words[k].text.lower() == "as":
            if words[k - 1].text.lower() in AS_VERBS:
                k = self.skip_back(k - 1)  # "Tin acts as a dopant", "Mg was used as a dopant"
            return self.dopants_before(k)
        return []
