"""Speed of the recogniser pipeline next to bare ``spacy.blank("en")`` tokenisation of the same
texts, in the same run (the issue's goal: the full pipeline costs at most 3x tokenisation).

    .venv/bin/python -m bench.miner [PATH]     # default: the review in ../shared/corpus
    .venv/bin/python -m bench.miner --stages   # CPU time of the tokenizer and each component
    .venv/bin/python -m bench.miner --doping   # sentences of ../shared/external/doping-train.json
                                               # (text the speed work was not tuned on)
    .venv/bin/python -m bench.miner --hostile  # the doping component on long runs without
                                               # spaces, at two lengths (linear: time doubles)
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import spacy

from miner.pipeline import load

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REVIEW = SHARED / "corpus" / "llzo-review-2024.md"
DOPING = SHARED / "external" / "doping-train.json"


def texts_of(path: Path) -> list[str]:
    """The document's normalised sentences; blank-line paragraphs if the reader fails."""
    try:
        from corpus import read_document

        return [s.text for s in read_document(path).sentences]
    except Exception:  # noqa: BLE001 - a benchmark still runs on the raw text
        raw = path.read_text(encoding="utf-8")
        return [p.strip() for p in raw.split("\n\n") if p.strip()]


def doping_texts(path: Path = DOPING) -> list[str]:
    """Every sentence of the LLM-NERRE doping set (abstracts of many materials, not garnets),
    read from beside the repo: the data is never committed."""
    abstracts = json.loads(path.read_text(encoding="utf-8"))
    return [s["sentence_text"] for a in abstracts for s in a["doping_sentences"]]


def _timed(run, texts: Sequence[str], repeat: int) -> tuple[float, int]:
    """Best CPU time of this process over ``repeat`` runs: the machines running this are shared,
    and wall-clock time would count the other processes' turns on the CPU."""
    best, tokens = float("inf"), 0
    for _ in range(repeat):
        start = time.process_time()
        tokens = sum(len(doc) for doc in run(texts))
        best = min(best, time.process_time() - start)
    return best, tokens


def measure(texts: Sequence[str], repeat: int = 5) -> dict[str, float]:
    """Sentences/s and tokens/s of the full pipeline and of bare tokenisation (best of
    ``repeat`` runs each, after one warm-up run that fills the caches both sides use)."""
    start = time.process_time()
    nlp = load()
    load_s = time.process_time() - start
    blank = spacy.blank("en")
    run_blank = lambda xs: (blank.make_doc(x) for x in xs)  # noqa: E731
    run_full = lambda xs: nlp.pipe(xs)  # noqa: E731
    _timed(run_full, texts, 1)
    _timed(run_blank, texts, 1)
    blank_s, blank_tokens = _timed(run_blank, texts, repeat)
    full_s, full_tokens = _timed(run_full, texts, repeat)
    return {
        "texts": len(texts),
        "load_s": round(load_s, 4),
        "blank_s": round(blank_s, 4),
        "blank_sentences_per_s": round(len(texts) / blank_s, 1),
        "blank_tokens_per_s": round(blank_tokens / blank_s, 1),
        "pipeline_s": round(full_s, 4),
        "pipeline_sentences_per_s": round(len(texts) / full_s, 1),
        "pipeline_tokens_per_s": round(full_tokens / full_s, 1),
        "ratio": round(full_s / blank_s, 2),
    }


def stages(texts: Sequence[str], repeat: int = 5) -> dict[str, float]:
    """Where the pipeline's time goes: CPU seconds of the tokenizer and of each component inside
    ``nlp.pipe`` (each wrapped with a timer; best of ``repeat`` runs after a warm-up), next to
    bare tokenisation. A component's figure is only its own calls, so they add up to less than
    the pipeline (``nlp.pipe`` itself, timer calls)."""
    nlp = load()
    blank = spacy.blank("en")
    spent: dict[str, float] = {}

    def timed(name: str, call: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def run(arg: Any) -> Any:
            start = time.process_time()
            out = call(arg)
            spent[name] += time.process_time() - start
            return out

        return run

    nlp.tokenizer = timed("tokenizer", nlp.tokenizer)
    for n, (name, component) in enumerate(nlp.pipeline):
        nlp._components[n] = (name, timed(name, component))
    names = ["tokenizer", *nlp.pipe_names]
    best = dict.fromkeys(names, float("inf"))
    for run in range(repeat + 1):
        spent.update(dict.fromkeys(names, 0.0))
        for _ in nlp.pipe(texts):
            pass
        if run:  # the first run warms the caches
            best = {name: min(best[name], spent[name]) for name in names}
    blank_s, _ = _timed(lambda xs: (blank.make_doc(x) for x in xs), texts, repeat)
    return (
        {"blank_s": round(blank_s, 4)}
        | {f"{name}_s": round(best[name], 4) for name in names}
        | {f"{name}_x_blank": round(best[name] / blank_s, 2) for name in names}
    )


# long runs without spaces, as PDF converters leave them (a reliability finding: the doping
# reading was quadratic on these before it read the Doc's tokens)
HOSTILE = {
    "formula": "Li7La3Zr2O12",
    "digits": "1234567890",
    "dotted": "1.",
    "bars": "|",
    "hyphens": "Ga-",
    "colons": "ZnO:",
}


def hostile(sizes: Sequence[int] = (20_000, 40_000), repeat: int = 3) -> dict[str, float]:
    """CPU seconds of the doping component alone (the Doc tokenised beforehand) on each run of
    ``HOSTILE`` repeated to each of ``sizes`` characters, best of ``repeat``."""
    from miner.doping.component import doping_pipeline

    nlp = doping_pipeline("rules")
    component = nlp.get_pipe("llzo_doping")
    out = {}
    for name, unit in HOSTILE.items():
        for size in sizes:
            doc = nlp.make_doc((unit * (size // len(unit) + 1))[:size])
            best = float("inf")
            for _ in range(repeat):
                start = time.process_time()
                component(doc)
                best = min(best, time.process_time() - start)
            out[f"{name}_{size}_s"] = round(best, 4)
    return out


if __name__ == "__main__":
    if "--hostile" in sys.argv:
        print(json.dumps(hostile(), indent=2))
        sys.exit(0)
    args = [a for a in sys.argv[1:] if a not in ("--stages", "--doping")]
    if "--doping" in sys.argv:
        texts = doping_texts(Path(args[0]) if args else DOPING)
    else:
        texts = texts_of(Path(args[0]) if args else REVIEW)
    print(json.dumps(stages(texts) if "--stages" in sys.argv else measure(texts), indent=2))
