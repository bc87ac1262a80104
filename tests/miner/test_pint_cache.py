"""The on-disk cache of pint's registry gives the registry pint builds itself, is published whole
(safe for processes that start together) and is rebuilt, never trusted, when damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pint
import pytest

from miner.pint_cache import CACHE_DIR_ENV, cache_dir, cached_registry, registry_folder
from miner.units import CANONICAL, pint_expression

PRINTED = ["mS cm^-1", "S/cm", "kJ mol-1", "meV", "Ω cm^2", "mAh g-1", "K", "°C", "µm", "MPa"]


def _conversions(ureg: pint.UnitRegistry) -> list[tuple[str, float, float]]:
    """(expression, factor, offset) of every printed unit to its canonical unit's dimension."""
    out = []
    for unit in PRINTED:
        source = ureg.parse_units(pint_expression(unit))
        for canonical in CANONICAL:
            target = ureg.parse_units(canonical.pint_unit)
            if ureg.Quantity(1.0, source).dimensionality == target.dimensionality:
                zero, one = (ureg.Quantity(v, source).to(target).magnitude for v in (0.0, 1.0))
                out.append((unit, canonical.unit, one - zero, zero))
    return out


def test_cached_registry_converts_exactly_like_pints_own(tmp_path) -> None:
    expected = _conversions(pint.UnitRegistry())
    first = cached_registry(tmp_path)  # builds and publishes the cache
    second = cached_registry(tmp_path)  # loads from it
    assert _conversions(first) == expected
    assert _conversions(second) == expected
    assert len(expected) >= len(PRINTED)


def test_cached_registry_publishes_one_complete_folder(tmp_path) -> None:
    cached_registry(tmp_path)
    folder = registry_folder(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]  # no scratch folder left
    assert folder.name.startswith(f"pint-{pint.__version__}-")
    files = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    assert any(name.endswith(".pickle") for name in files)
    cached_registry(tmp_path)
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == files  # read, not written


def test_cached_registry_rebuilds_a_damaged_cache(tmp_path, caplog) -> None:
    cached_registry(tmp_path)
    folder = registry_folder(tmp_path)
    for pickle in folder.glob("*.pickle"):
        pickle.write_bytes(pickle.read_bytes()[:100])
    ureg = cached_registry(tmp_path)
    assert _conversions(ureg) == _conversions(pint.UnitRegistry())
    assert f"pint cache {folder} unreadable" in caplog.text
    assert _conversions(cached_registry(tmp_path)) == _conversions(pint.UnitRegistry())


def test_cached_registry_without_a_writable_cache_dir(tmp_path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    ureg = cached_registry(blocked / "cache")
    assert _conversions(ureg) == _conversions(pint.UnitRegistry())


def test_cached_registry_in_processes_started_together(tmp_path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from miner.pint_cache import cached_registry\n"
        "ureg = cached_registry(Path(sys.argv[1]))\n"
        "print(ureg.Quantity(1.0, 'millisiemens / centimeter').to('siemens / centimeter').m)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(4)
    ]
    outputs = [proc.communicate(timeout=120)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0, 0, 0]
    assert outputs == ["0.001\n"] * 4
    assert [p.name for p in tmp_path.iterdir()] == [registry_folder(tmp_path).name]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({CACHE_DIR_ENV: "/srv/cache", "XDG_CACHE_HOME": "/xdg"}, "/srv/cache"),
        ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/llzo-kg"),
    ],
)
def test_cache_dir_from_the_environment(monkeypatch, env, expected) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert str(cache_dir()) == expected


def test_cache_dir_defaults_to_the_home_cache(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "llzo-kg"


IMPORT_CHECK = """
import json, sys
import numpy
from miner.pint_cache import cached_registry
ureg = cached_registry()
loaded = [m for m in ("dask", "uncertainties", "babel") if m in sys.modules]
import dask
value = ureg.Quantity(1.0, "millisiemens / centimeter").to("siemens / centimeter").m
print(json.dumps({"loaded": loaded, "dask": dask.__name__, "value": value}))
"""


def test_import_pint_leaves_its_unused_integrations_out(tmp_path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, CACHE_DIR_ENV: str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"loaded": [], "dask": "dask", "value": 0.001}
