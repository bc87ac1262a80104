"""Neo4j Browser (org.neo4j.client:neo4j-browser, served by the session's Neo4j at /browser)
driven in headless Chromium by tools/neo4j-browser/drive.mjs, as docs/neo4j-browser.md tells a
user to do it: connect without authentication, set the parameters with the `:params` line
``llzo-kg queries`` prints and a `:param` line, paste a canned query file from queries/, and the
result frame shows the rows llzo-kg's own runner gets; drop graph/neo4j-browser.grass onto the
window and `:style` shows it and the graph view draws with its colours, sizes and captions.
The screenshots are written to out/neo4j-browser/ for people to look at."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sample_graph import sample_facts, sample_references

from graph import writer
from queries.runner import get_query, run_query

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "neo4j-browser"
GRASS = REPO / "graph" / "neo4j-browser.grass"
SHOTS = REPO / "out" / "neo4j-browser"
CHROMIUM = "/usr/bin/chromium"
QUERY = "dopant_amount_vs_conductivity"
M1 = "Li6.25Ga0.25La3Zr2O12"
GRAPH_QUERY = f"MATCH (m:Material {{formula: '{M1}'}})<-[:ABOUT]-(f:Measurement) RETURN m, f"

pytestmark = pytest.mark.neo4j


def grass_rules(text: str) -> dict[str, dict[str, str]]:
    """``selector { prop: value; ... }`` blocks as {selector: {prop: value}}."""
    return {
        selector: dict(re.findall(r"([\w-]+)\s*:\s*([^;]+?)\s*;", body))
        for selector, body in re.findall(r"([\w.]+)\s*\{([^}]*)\}", text)
    }


def drive(plan: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    assert (TOOL / "node_modules").is_dir(), (
        f"{TOOL}/node_modules is missing: run 'make tools/neo4j-browser/node_modules'"
    )
    assert Path(CHROMIUM).exists(), "Chromium is missing: run 'make chromium'"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    done = subprocess.run(
        ["node", str(TOOL / "drive.mjs"), str(path)],
        capture_output=True, text=True, timeout=600, cwd=REPO, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_browser_shows_a_canned_querys_rows_and_draws_with_the_grass_style(
    neo4j_db, neo4j_server, tmp_path: Path
) -> None:
    backend = neo4j_db.fresh()
    neo4j_db.touched()
    writer.load_facts(backend, sample_facts(), sample_references())
    query = get_query(QUERY)
    expected = run_query(backend, query, {"element": "Ta"})
    SHOTS.mkdir(parents=True, exist_ok=True)
    plan = {
        "browserUrl": neo4j_server.browser_url,
        "boltUri": neo4j_server.uri,
        "chromium": CHROMIUM,
        "profile": str(tmp_path / "profile"),
        # the defaults line `llzo-kg queries` prints, then one parameter changed
        "commands": [query.browser_params(), ":param element => 'Ta'"],
        "query": query.path.read_text(encoding="utf-8"),  # the file as it is, header and all
        "grassFile": str(GRASS),
        "graphQuery": GRAPH_QUERY,
        "tableShot": str(SHOTS / "query-table.png"),
        "graphShot": str(SHOTS / "styled-graph.png"),
        "failShot": str(SHOTS / "failed.png"),
    }
    seen = drive(plan, tmp_path)

    assert seen["connected"] == "You have a working connection and server auth is disabled."
    table = seen["table"]
    assert table["columns"] == list(expected[0])
    assert [[json.loads(cell) for cell in row] for row in table["rows"]] == [
        list(row.values()) for row in expected
    ]
    assert len(expected) == 3 and table["status"].startswith("Started streaming 3 records")

    ours, shown = grass_rules(GRASS.read_text(encoding="utf-8")), grass_rules(seen["style"])
    assert {
        sel: {k: shown.get(sel, {}).get(k) for k in props} for sel, props in ours.items()
    } == ours
    drawn = {(n["fill"], n["stroke"], n["r"]) for n in seen["nodes"]}
    style = {label: ours[f"node.{label}"] for label in ("Material", "Measurement")}
    assert drawn == {
        (s["color"], s["border-color"], float(s["diameter"].removesuffix("px")) / 2)
        for s in style.values()
    }
    measurements = backend.run(
        "MATCH (:Material {formula: $f})<-[:ABOUT]-(f:Measurement) RETURN f.value AS v", {"f": M1}
    )
    # captions per the style: the material's name (which Browser cuts short), each value
    captions = {
        label: sorted(n["caption"] for n in seen["nodes"] if n["fill"] == s["color"])
        for label, s in style.items()
    }
    [material] = captions["Material"]
    assert material.endswith("…") and M1.startswith(material[:-1])
    assert captions["Measurement"] == sorted(str(r["v"]) for r in measurements)
    for shot in ("query-table.png", "styled-graph.png"):
        with Image.open(SHOTS / shot) as image:
            assert image.width > 600 and image.height > 200
            assert len(image.convert("RGB").getcolors(1 << 24)) > 50  # drawn, not blank
