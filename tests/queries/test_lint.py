"""The Neo4j-side check of the canned queries: tools/cypher-lint runs Neo4j's own Cypher linter
(npm @neo4j-cypher/language-support, pinned) over every queries/*.cypher file as Cypher 5, with
the file's parameters, the schema's labels/types/keys and only the functions FalkorDB also has.
Neo4j itself cannot run here; this is what stands for it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from sample_graph import sample_facts, sample_references

from graph import writer
from graph.rows import DocumentMeta, document_rows
from graph.schema import LABELS, PROPERTY_KEYS, RELATIONSHIP_TYPES
from queries.runner import load_queries

REPO = Path(__file__).resolve().parents[2]
TOOL = REPO / "tools" / "cypher-lint"


def lint(*paths: str) -> tuple[int, dict[str, Any]]:
    assert (TOOL / "node_modules").is_dir(), (
        f"{TOOL}/node_modules is missing: run 'make tools/cypher-lint/node_modules' "
        "(npm ci --prefix tools/cypher-lint)"
    )
    done = subprocess.run(
        ["node", str(TOOL / "lint.mjs"), *paths],
        capture_output=True, text=True, timeout=300, cwd=REPO, check=False,
    )  # fmt: skip
    return done.returncode, json.loads(done.stdout)


def test_lint_every_canned_query_is_clean_neo4j5_cypher() -> None:
    code, report = lint()
    assert [f["diagnostics"] for f in report["files"]] == [[] for _ in report["files"]]
    assert (code, report["errors"], report["warnings"]) == (0, 0, 0)
    assert report["linter"] == "@neo4j-cypher/language-support@2.0.0-next.38"
    assert report["cypherVersion"] == "CYPHER 5"
    queries = load_queries()
    assert [f["file"] for f in report["files"]] == [f"queries/{n}.cypher" for n in queries]
    assert [f["parameters"] for f in report["files"]] == [
        [p.name for p in q.params] for q in queries.values()
    ]


def test_lint_reports_what_neo4j_or_falkordb_would_refuse(tmp_path: Path) -> None:
    bad = tmp_path / "bad.cypher"
    bad.write_text(
        "// name: bad\n"
        "// question: Does the linter catch it?\n"
        "// param: limit = 5 (integer) — rows\n"
        "MATCH (m:Materal)-[:HAS_DOPNT]->(d:Dopant)\n"
        "WHERE d.elemnt = $element AND elementId(m) IS NOT NULL\n"
        "RETURN m.name AS name, apoc.text.join(['a'], ',') AS x\n"
        "LIMIT $limit\n",
        encoding="utf-8",
    )
    typo = tmp_path / "typo.cypher"
    typo.write_text("// name: typo\n// question: Typo?\nMATCH (m:Material)\nRETRN m.key\n")
    code, report = lint(str(bad), str(typo))
    found = [(d["severity"], d["line"], d["column"], d["message"].split(" is not present")[0])
             for d in report["files"][0]["diagnostics"]]  # fmt: skip
    assert code == 1
    assert found == [
        ("warning", 4, 10, "Label Materal"),
        ("warning", 4, 21, "Relationship type HAS_DOPNT"),
        ("warning", 5, 9, "elemnt"),
        ("error", 5, 18, "Parameter $element is not defined."),
        ("error", 5, 31, "Function elementId"),
        ("error", 6, 24, "Function apoc.text.join"),
    ]
    syntax = report["files"][1]["diagnostics"]
    assert [(d["severity"], d["line"], d["column"]) for d in syntax][:1] == [("error", 4, 1)]


def test_lint_schema_json_is_graph_schema() -> None:
    schema = json.loads((TOOL / "schema.json").read_text(encoding="utf-8"))
    assert schema == {
        "labels": list(LABELS),
        "relationshipTypes": list(RELATIONSHIP_TYPES),
        "propertyKeys": list(PROPERTY_KEYS),
    }


def test_lint_package_pinned_exactly() -> None:
    package = json.loads((TOOL / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((TOOL / "package-lock.json").read_text(encoding="utf-8"))
    pinned = package["dependencies"]["@neo4j-cypher/language-support"]
    assert pinned == "2.0.0-next.38"
    assert lock["packages"]["node_modules/@neo4j-cypher/language-support"]["version"] == pinned


def test_lint_writer_statements_are_neo4j5_cypher(tmp_path: Path) -> None:
    """The writer's statements go to Neo4j too (NEO4J_URI): Neo4j's linter must accept them."""
    facts = [f for f in sample_facts() if f.doc == "paper-a"]
    rows = document_rows(DocumentMeta(id="paper-a"), facts, sample_references()["paper-a"])
    statements = [
        *writer.replacement_statements(rows),
        *writer.replacement_statements(rows, batch_size=100),
        writer.deletion_statement("paper-a"),
        writer.creation_statement([rows]),
    ]
    params: dict[str, set[str]] = {}
    for text, values in statements:
        params.setdefault(text, set()).update(values)
    for i, (text, names) in enumerate(params.items()):
        header = "".join(
            f"// param: {p} = {{}} (map) — rows\n" if p in ("doc", "keep")
            else f"// param: {p} = [] (list) — rows\n"
            for p in sorted(names)
        )  # fmt: skip
        path = tmp_path / f"writer{i}.cypher"
        path.write_text(f"// name: writer{i}\n// question: Writer?\n{header}{text}\n")
    _, report = lint(str(tmp_path))
    assert report["errors"] == 0
    # one statement; then document, 9 UNWIND parts with rows (sentences, references, materials,
    # the statements of materials and of dopants, samples, three fact kinds; the sample has no
    # before/after pair), deletions; and the deletion of a document; the creation of new
    # documents
    assert len(report["files"]) == len(params) == 1 + 1 + 9 + 1 + 1 + 1
    # the only warnings: keys of the $rows maps used inside node patterns, which the linter
    # takes for graph property keys
    messages = {d["message"].split(" is not present")[0]
                for f in report["files"] for d in f["diagnostics"]}  # fmt: skip
    # (the before/after part's `row.before` and `row.after`: the linter reports `row.after` too
    # since the facts part sets every Property's fields on each write instead of ON CREATE; the
    # creation statement adds `row.sample`)
    # (`material` and `property` are keys of the Tally and Summary nodes since the summaries:
    # no longer reported)
    assert messages == {"sentence", "before", "after", "sample"}
