"""Speed of the quantity recogniser: on hostile text as it grows (the time per character must
stay flat: the recogniser is linear), and on real sentences next to bare tokenisation.

    .venv/bin/python -m bench.quantities            # hostile text, 1x / 4x / 16x
    .venv/bin/python -m bench.quantities --real     # review, doping-train, MeasEval paragraphs

Figures are CPU time of this process, best of ``repeat`` runs (the cores are shared).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence

# (name, unit of text, repeats at 1x): each unit is a few characters, repeated to a size
HOSTILE: tuple[tuple[str, str], ...] = (
    ("digit run", "1"),
    ("dotted digits", "1.1."),
    ("powers of ten", "× 10^-"),
    ("bare list", "1, "),
    ("brackets", "("),
    ("bare powers", "10-4 "),
    ("conditions", "at 25 °C "),
    ("quantities", "0.5 mS/cm "),
    ("comma digits", "1,2,3,"),
    ("dashes", "- "),
    ("plus-minus", "1 ± 2 ± "),
    ("between", "between 1 and "),
    ("number words", "two days "),
    ("sides", "2 × "),
)
BASE_CHARS = 20_000


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


def hostile(repeat: int = 3) -> dict[str, dict[str, float]]:
    """µs per character of ``find_quantities`` on each hostile text at 1x, 4x and 16x
    ``BASE_CHARS`` characters."""
    from miner.quantities import find_quantities

    out: dict[str, dict[str, float]] = {}
    for name, unit in HOSTILE:
        figures = {}
        for scale in (1, 4, 16):
            text = unit * (BASE_CHARS * scale // len(unit)) + " 5 h, respectively"
            seconds = _best(lambda text=text: find_quantities(text), repeat)
            figures[f"{scale}x_us_per_char"] = round(seconds / len(text) * 1e6, 3)
        out[name] = figures
    return out


def real(texts: Sequence[str], repeat: int = 5) -> dict[str, float]:
    """The quantity component inside a blank pipeline (chemistry tokenizer + llzo_quantity)
    next to bare ``spacy.blank("en")`` tokenisation of the same sentences."""
    import spacy

    from miner import quantities  # noqa: F401 - registers the factory
    from miner.tokenizer import make_tokenizer

    blank = spacy.blank("en")
    nlp = spacy.blank("en")
    nlp.tokenizer = make_tokenizer(nlp)
    component = nlp.add_pipe("llzo_quantity")
    docs = [nlp.make_doc(t) for t in texts]
    for doc in docs:  # warm the caches
        component(doc)
    blank_s = _best(lambda: [blank.make_doc(t) for t in texts], repeat)
    quantity_s = _best(lambda: [component(d) for d in docs], repeat)
    return {
        "texts": len(texts),
        "blank_s": round(blank_s, 4),
        "quantity_s": round(quantity_s, 4),
        "quantity_x_blank": round(quantity_s / blank_s, 2),
    }


if __name__ == "__main__":
    if "--real" in sys.argv:
        from bench.miner import DOPING, REVIEW, doping_texts, texts_of
        from miner.quantity_devset import MEASEVAL

        measeval = [json.loads(line)["text"] for line in MEASEVAL.read_text().splitlines()]
        figures = {
            "review": real(texts_of(REVIEW)),
            "doping": real(doping_texts(DOPING)),
            "measeval": real(measeval),
        }
        print(json.dumps(figures, indent=2))
    else:
        print(json.dumps(hostile(), indent=2))
