"""The reader of one sentence's words: its state (the statements read so far, the amounts
written before dopants) and the slots a phrasing fills -- the host phrase after or before a word,
the lattice site "at the Li site", the host "of H" -- with the dopant lists of
``miner.doping.dopant_slots``. The phrasings themselves are in ``miner.doping.phrasings``.
"""

from __future__ import annotations

import re

from miner.doping.dopant_slots import DopantSlots
from miner.doping.lexicon import (
    ADJECTIVE,
    ADVERBS,
    DETERMINERS,
    FORM_WORDS,
    GENERIC_HOSTS,
    INTENSITY,
    ION,
    MEANS,
    NOT_HOSTS,
    STOP_WORDS,
    SYMBOLS,
    VALENCE_WORDS,
    VERBS,
    Word,
    chemical_name,
    element_of,
    is_chemical_name,
    is_formula,
    is_host_head,
    is_wordlike,
    slashed_host,
)
from miner.doping.statements import DopingStatement, Phrase, amount_value, phrase_of


class Reader(DopantSlots):
    """One pass over one sentence's words."""

    def __init__(self, text: str, words: list[Word]) -> None:
        self.text = text
        self.words = words
        self.starts = [w.start for w in words]
        self.statements: list[DopingStatement] = []
        self.amounts: dict[int, str] = {}  # dopant start offset -> "5 mol%"

    # -- host phrases -------------------------------------------------------------------------

    def host_after(self, i: int) -> list[Word] | None:
        """The host phrase starting at word ``i`` ("ZnO films" -> ZnO)."""
        words = self.words
        while i < len(words) and (
            words[i].text.lower() in DETERMINERS | INTENSITY
            or words[i].text.lower().startswith("as-")
            or words[i].text.lower() in ("undoped", "pure", "nominally")
        ):
            i += 1
        phrase: list[Word] = []
        while i < len(words) and (
            len(phrase) < 3 or (len(phrase) < 5 and chemical_name([*phrase, words[i]]))
        ):
            w = words[i]
            low = w.text.lower()
            glued = re.match(r"^(.+?)-([a-z]+)$", w.text)
            if glued and is_formula(glued.group(1)) and glued.group(2) != "based":
                # "K2ZnCl4-single" (but "ZnS-based phosphors" is named whole)
                w = Word(glued.group(1), w.start, w.start + len(glued.group(1)))
                phrase.append(w)
                break
            if ":" in w.text and not phrase:
                phrase.append(w)
                break
            if (
                w.marker
                or low in STOP_WORDS | NOT_HOSTS | VERBS
                or (phrase and low.endswith("ed") and low not in ("reduced", "layered"))
                or not (
                    is_wordlike(w.text)
                    or is_host_head(w.text)
                    or is_chemical_name(w.text)
                    or slashed_host(w.text, after_word=bool(phrase))
                )
            ):
                break
            phrase.append(w)
            i += 1
            if is_formula(w.text) and i < len(words) and re.fullmatch(r"\d+", words[i].text):
                phrase[-1] = Word(self.text[w.start : words[i].end], w.start, words[i].end)
                i += 1  # "TiO 2"
            if low in FORM_WORDS | GENERIC_HOSTS and low not in ("single", "thin", "quantum"):
                only_form = all(x.text.lower() in FORM_WORDS for x in phrase)
                if not (only_form and len(phrase) == 1 and low in FORM_WORDS):
                    break  # "composite maintains ..." -> composite; "fiber laser" goes on
        return self._trim_host(phrase)

    def alias_after(self, host: list[Word]) -> list[Word] | None:
        """ "ZnAl2O4 (gahnite)" / "Bi12TiO20 (BTO)": the name in brackets right after a host."""
        k = self.after(host[-1])
        words = self.words
        if k + 2 < len(words) and words[k].text == "(" and words[k + 2].text == ")":
            inner = words[k + 1]
            if is_formula(inner.text) or re.fullmatch(r"[a-z]{4,}", inner.text):
                return [inner]
        return None

    def host_before(self, i: int) -> list[Word] | None:
        """The host phrase ending before word ``i`` ("CeOx layers doped with" -> CeOx)."""
        words = self.words
        j = i - 1
        while j >= 0 and (
            words[j].text.lower() in ADVERBS
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
            if words[j].text.lower() in FORM_WORDS | {"based"} and j > 0 and self._hosty(j - 1):
                j -= 1
                continue
            break
        phrase: list[Word] = []
        while j >= 0 and len(phrase) < 3:
            w = words[j]
            low = w.text.lower()
            if (
                w.marker
                or low in STOP_WORDS | DETERMINERS | VERBS
                or not (is_wordlike(w.text) or is_host_head(w.text) or is_chemical_name(w.text))
            ):
                break
            phrase.insert(0, w)
            if is_host_head(w.text):
                # a formula/acronym head: take formula words before it, nothing else
                k = j - 1
                while k >= 0 and is_formula(words[k].text):
                    phrase.insert(0, words[k])
                    k -= 1
                break
            j -= 1
        return self._trim_host(phrase)

    def _hosty(self, j: int) -> bool:
        w = self.words[j].text
        low = w.lower()
        return (
            w in (")", "based")
            or is_host_head(w)
            or (is_wordlike(w) and low not in STOP_WORDS and low not in DETERMINERS)
        )

    def _trim_host(self, phrase: list[Word]) -> list[Word] | None:
        if not phrase:
            return None
        if phrase[0].text.endswith("-based") and len(phrase) > 1:
            return phrase  # "ZnS-based electroluminescent fibers" is named as a whole
        heads = [k for k, w in enumerate(phrase) if is_host_head(w.text)]
        if heads:
            k = heads[0]
            end = k + 1
            while end < len(phrase) and is_formula(phrase[end].text):
                end += 1
            return phrase[k:end]
        while (
            len(phrase) > 1
            and phrase[-1].text.lower() in FORM_WORDS
            and any(w.text.lower() not in FORM_WORDS for w in phrase[:-1])
            and not ADJECTIVE.fullmatch(phrase[-2].text.lower())  # "carbonaceous materials"
        ):
            phrase = phrase[:-1]
        if phrase[0].text.lower() in VALENCE_WORDS | NOT_HOSTS:
            return None
        return phrase

    def coordinated_before(self, host: list[Word] | None) -> list[list[Word]]:
        """ "CaF2 and SrF2 that have been doped": the formulas joined to ``host`` by "and"/","."""
        if not host or not is_formula(host[0].text):
            return []
        out = []
        k = self.after(host[0]) - 2
        while k >= 1 and self.words[k].text in ("and", ",") and is_formula(self.words[k - 1].text):
            out.insert(0, [self.words[k - 1]])
            k -= 2
        return out

    def replaced_after(self, j: int) -> tuple[list[list[Word]], int]:
        """The replaced element(s) of "replacing Zr (sites) with", "substitutes for Zr4+ in"
        from word ``j``, and the index after them (and after a "site(s)")."""
        replaced = self.dopants_after(j, sites=True)
        if replaced:
            j = self.after(replaced[-1][-1])
            if j < len(self.words) and self.words[j].text.lower() in ("site", "sites"):
                j += 1
        return replaced, j

    def site_at(self, j: int) -> tuple[str | None, int]:
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
            if glued and glued.group(1) in SYMBOLS:
                return glued.group(1), k + 1
            element = element_of(words[k].text) if ION.match(words[k].text) else None
            if element and k + 1 < len(words) and words[k + 1].text.lower() in ("site", "sites"):
                return element, k + 2
        return None, j

    def host_of(self, j: int) -> list[Word] | None:
        """The host after "in"/"of" at word ``j`` ("... in LLZO", "... of Li7La3Zr2O12")."""
        words = self.words
        if j < len(words) and words[j].text.lower() in ("in", "into", "of"):
            host = self.host_after(j + 1)
            if host and host[-1].text.lower() not in ("site", "sites"):
                return host
        return None

    # -- where words stand -------------------------------------------------------------------

    def opens_sentence(self, i: int) -> bool:
        """ "Doped with Ga, ...", "When co-doped with Ga, ...": word ``i`` opens the sentence."""
        j = self.skip_back(i)
        return j == 0 or (j == 1 and self.words[0].text.lower() in MEANS | {"when", "once", "if"})

    # -- statements -------------------------------------------------------------------------

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
                    phrase_of(one, self.text) if one else None,
                    tuple(self.dopant_phrase(d) for d in dopants),
                    phrasing,
                    site,
                )
            )

    def dopant_phrase(self, words: list[Word]) -> Phrase:
        mention = phrase_of(words, self.text)
        amount = self.amounts.get(words[0].start)
        if amount is None:
            return mention
        return Phrase(
            mention.text,
            mention.start,
            mention.end,
            mention.elements,
            mention.charge,
            amount_value(amount),
            mention.formula,
            amount,
        )

    def already_read(self, dopants: list[list[Word]]) -> bool:
        return any(
            m.start < d[-1].end and d[0].start < m.end
            for s in self.statements
            for m in s.dopants
            for d in dopants
        )
