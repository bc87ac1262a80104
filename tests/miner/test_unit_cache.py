"""The on-disk table of unit conversions answers what pint answers, is read instead of asking
pint again, survives a damaged file, and lets a warm process read units without importing pint."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from miner import units
from miner.pint_cache import CACHE_DIR_ENV
from miner.unit_cache import UnitTable, table_path

PRINTED = ["mS cm^-1", "S/cm", "kJ mol-1", "meV", "Ω cm^2", "mAh g-1", "K", "°C", "µm", "MPa",
           "hours", "Mt/yr", "cm2/s", "N·m"]  # fmt: skip


def _refuse(unit: str) -> str:
    raise AssertionError(f"pint asked about {unit!r}: the table should have answered")


def test_unit_table_answers_what_pint_answers_and_reads_them_back(tmp_path) -> None:
    path = tmp_path / "units.json"
    first = UnitTable(units._pint_answer, path)
    answers = [first.answer(u) for u in PRINTED]
    assert answers == [units._pint_answer(u) for u in PRINTED]
    assert answers[0] == ["conductivity", 0.001, 0.0]
    assert isinstance(answers[-1], str) and "N·m" in answers[-1]  # a refusal keeps its message
    second = UnitTable(_refuse, path)  # a later process: every answer from the file
    assert [second.answer(u) for u in PRINTED] == answers
    assert sorted(json.loads(path.read_text(encoding="utf-8"))) == sorted(PRINTED)


def test_unit_table_ignores_a_damaged_file_and_writes_it_anew(tmp_path) -> None:
    path = tmp_path / "units.json"
    path.write_text('{"S/cm": ["conductivity", 1', encoding="utf-8")
    table = UnitTable(units._pint_answer, path)
    assert table.answer("S/cm") == ["conductivity", 1.0, 0.0]
    assert json.loads(path.read_text(encoding="utf-8")) == {"S/cm": ["conductivity", 1.0, 0.0]}
    assert [p.name for p in tmp_path.iterdir()] == ["units.json"]  # no scratch file left


def test_unit_table_is_named_by_the_code_and_pint_it_answers_for(tmp_path) -> None:
    path = table_path(tmp_path)
    assert path.parent == tmp_path
    assert path.name.startswith("units-") and path.name.endswith(".json")
    assert path == table_path(tmp_path)


def test_unit_table_conversions_equal_the_readings(tmp_path) -> None:
    for unit in ("mS cm^-1", "°C", "µm"):
        canonical, factor, offset = units._pint_convert(unit)
        assert units._convert(unit) == (canonical, factor, offset)
    with pytest.raises(ValueError, match="N·m"):
        units._convert("N·m")


WARM_CHECK = """
import json, sys
from miner.units import read_unit
reading = read_unit("mS cm^-1")
print(json.dumps({"pint": "pint" in sys.modules, "factor": reading.factor}))
"""


def test_a_warm_process_reads_units_without_importing_pint(tmp_path) -> None:
    env = {**os.environ, CACHE_DIR_ENV: str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", WARM_CHECK], capture_output=True, text=True, timeout=120,
            env=env, check=True,
        ).stdout
        for _ in range(2)
    ]  # fmt: skip
    assert [json.loads(r) for r in runs] == [
        {"pint": True, "factor": 0.001},  # the first asks pint and writes the table
        {"pint": False, "factor": 0.001},
    ]
