"""The start-up benchmark's measuring helpers (no timing asserted)."""

from __future__ import annotations

import sys

from bench.startup import ABSTRACT, command_times, import_profile


def test_command_times_reports_wall_and_cpu_of_fresh_processes() -> None:
    figures = command_times([sys.executable, "-c", "pass"], runs=2)
    assert set(figures) == {"wall_s", "wall_best_s", "cpu_s", "runs"}
    assert figures["runs"] == 2 and 0 < figures["wall_best_s"] <= figures["wall_s"]


def test_import_profile_sums_milliseconds_per_top_level_package() -> None:
    figures = import_profile(["-c", "import json.decoder"])
    assert "json" in figures and figures["total"] >= figures["json"] > 0


def test_the_abstract_measured_is_about_2000_characters() -> None:
    assert 1900 <= len(ABSTRACT.read_text(encoding="utf-8")) <= 2100
