"""The backend adapter on both real databases (the embedded FalkorDB and the Neo4j of
tools/neo4j): values round-trip exactly, schema DDL is idempotent, and an unreachable or
malformed Neo4j address gives a clear message."""

from __future__ import annotations

import pytest
from sample_graph import UNIQUE_VIOLATION

from graph.backend import GraphBackend, Schema, connect
from llzo_kg import settings
from llzo_kg.errors import GraphUnavailable

FLOATS = [1e-12, 3.2e-7, 1.46e-3, 0.1, 1.0, 97.3, 123456789.123456, 1e12, -0.25]
STRINGS = [
    "it's",
    'say "hi"',
    "back\\slash",
    "line one\nline two",
    "tab\tseparated",
    "}) DETACH DELETE n //",
    "Li₇La₃Zr₂O₁₂ at 25 °C: 1.2–1.75 × 10⁻³ S cm⁻¹, Ω cm²",
    "`backtick` and $dollar",
    "",
]


@pytest.mark.parametrize("value", FLOATS)
def test_backend_float_round_trip(graph: GraphBackend, value: float) -> None:
    graph.run("CREATE (:Probe {v: $v})", {"v": value})
    assert graph.run("MATCH (p:Probe) RETURN p.v AS v") == [{"v": value}]


@pytest.mark.parametrize("value", STRINGS)
def test_backend_string_round_trip(graph: GraphBackend, value: str) -> None:
    graph.run("CREATE (:Probe {s: $s})", {"s": value})
    assert graph.run("MATCH (p:Probe) RETURN p.s AS s") == [{"s": value}]


def test_backend_lists_maps_null_bool(graph: GraphBackend) -> None:
    rows = graph.run(
        "RETURN $l AS l, $m AS m, $n AS n, $b AS b",
        {"l": [1, "a", 2.5], "m": {"k": "v's"}, "n": None, "b": True},
    )
    assert rows == [{"l": [1, "a", 2.5], "m": {"k": "v's"}, "n": None, "b": True}]


def test_backend_nodes_come_back_as_property_maps(graph: GraphBackend) -> None:
    graph.run("CREATE (:Probe {key: 'a', n: 1})")
    assert graph.run("MATCH (p:Probe) RETURN p") == [{"p": {"key": "a", "n": 1}}]


def test_backend_ensure_schema_is_idempotent(bare_graph: GraphBackend) -> None:
    schema = Schema(unique=[("Material", "key")], indexes=[("Sentence", "doc")])
    bare_graph.ensure_schema(schema)
    bare_graph.ensure_schema(schema)
    assert bare_graph.existing_schema() == Schema(
        unique=(("Material", "key"),), indexes=(("Sentence", "doc"),)
    )
    bare_graph.run("CREATE (:Material {key: 'LLZO'})")
    with pytest.raises(Exception, match=UNIQUE_VIOLATION):
        bare_graph.run("CREATE (:Material {key: 'LLZO'})")


def test_connect_embedded_starts_server(tmp_path) -> None:
    from graph.server import EmbeddedServer

    conf = settings.resolve(data_dir=tmp_path / "d")
    with pytest.raises(GraphUnavailable, match="no embedded graph server is running"):
        connect(conf, start=False)
    backend = connect(conf)
    try:
        assert backend.run("RETURN 1 AS one") == [{"one": 1}]
        assert backend.health()["backend"] == "falkordb"
    finally:
        backend.close()
        EmbeddedServer(tmp_path / "d").stop()


def test_connect_unreachable_neo4j_names_uri_and_hides_password(unused_port: int) -> None:
    uri = f"neo4j://127.0.0.1:{unused_port}"
    conf = settings.resolve(neo4j_uri=uri, neo4j_username="neo4j", neo4j_password="s3cret-pw")
    with pytest.raises(GraphUnavailable) as info:
        connect(conf)
    message = str(info.value)
    assert uri in message and "NEO4J_URI" in message
    assert "s3cret-pw" not in message and "s3cret-pw" not in repr(conf)


def test_connect_malformed_neo4j_uri() -> None:
    conf = settings.resolve(neo4j_uri="http://example.invalid:7474")
    with pytest.raises(GraphUnavailable, match="is not a Neo4j address"):
        connect(conf)


def test_settings_flags_override_environment(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://env-host:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "env-user")
    monkeypatch.setenv("NEO4J_DATABASE", "envdb")
    monkeypatch.setenv("LLZO_KG_DATA_DIR", str(tmp_path / "env"))
    conf = settings.resolve(data_dir=tmp_path / "flag", neo4j_uri="neo4j://flag-host:7687")
    assert conf.neo4j is not None
    assert (conf.neo4j.uri, conf.neo4j.username, conf.neo4j.database) == (
        "neo4j://flag-host:7687",
        "env-user",
        "envdb",
    )
    assert conf.data_dir == (tmp_path / "flag").resolve()
    monkeypatch.delenv("NEO4J_URI")
    assert settings.resolve().embedded
    assert settings.resolve().data_dir == (tmp_path / "env").resolve()


@pytest.mark.neo4j
def test_connect_neo4j_uri_reaches_the_launchers_neo4j(neo4j_server) -> None:
    conf = settings.resolve(neo4j_uri=neo4j_server.uri, neo4j_username="neo4j")
    backend = connect(conf)
    try:
        assert backend.health() == {
            "backend": "neo4j",
            "target": neo4j_server.uri,
            "server": f"Neo4j/{neo4j_server.neo4j}",
        }
        assert backend.run("RETURN 1 AS one") == [{"one": 1}]
    finally:
        backend.close()
