from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "miner.py"


def test_bench_miner_measures_pipeline_next_to_blank():
    spec = importlib.util.spec_from_file_location("bench_miner", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = ["Ga-doped LLZO reached 1.2 mS cm-1 at 25 °C.", "Li7La3Zr2O12 was sintered at 1100 °C."]
    figures = module.measure(texts, repeat=1)
    assert figures["texts"] == 2
    assert set(figures) == {
        "texts", "load_s", "blank_s", "blank_sentences_per_s", "blank_tokens_per_s",
        "pipeline_s", "pipeline_sentences_per_s", "pipeline_tokens_per_s", "ratio",
    }  # fmt: skip
    assert figures["ratio"] > 0 and figures["pipeline_tokens_per_s"] > 0
