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


def test_bench_miner_stages_time_every_component():
    spec = importlib.util.spec_from_file_location("bench_miner", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.stages(["Ga-doped LLZO reached 1.2 mS cm-1 at 25 °C."], repeat=1)
    names = ["tokenizer", "llzo_material", "llzo_site", "llzo_dopant", "llzo_doping",
             "llzo_method", "llzo_quantity", "llzo_property"]  # fmt: skip
    assert set(figures) == {"blank_s", *(f"{n}_s" for n in names), *(f"{n}_x_blank" for n in names)}
    assert all(figures[f"{n}_s"] >= 0 for n in names)


def test_bench_miner_hostile_times_the_doping_component_at_two_lengths():
    spec = importlib.util.spec_from_file_location("bench_miner", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures = module.hostile(sizes=(100, 200), repeat=1)
    assert set(figures) == {f"{n}_{s}_s" for n in module.HOSTILE for s in (100, 200)}
    assert all(v >= 0 for v in figures.values())


def test_bench_miner_doping_texts_are_the_sentences_of_the_doping_set():
    spec = importlib.util.spec_from_file_location("bench_miner", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    texts = module.doping_texts()
    assert len(texts) == 1297
    assert all(isinstance(t, str) and t for t in texts)
