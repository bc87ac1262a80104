"""The canned Cypher queries: one statement per ``queries/*.cypher`` file, with a header that
names it, says the question it answers and declares its parameters with defaults and types::

    // name: dopant_amount_vs_conductivity
    // question: For one dopant element, how does ...?
    // param: element = 'Ga' (string) — the dopant's element symbol
    // (any other comment lines: notes shown with the query)

The same text runs on the embedded FalkorDB and on Neo4j 5 (tools/cypher-lint checks it with
Neo4j's own linter); values only ever go in as ``$parameters``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph.backend import GraphBackend
from llzo_kg.errors import LlzoKgError

log = logging.getLogger(__name__)

QUERY_DIR = Path(__file__).resolve().parent
TYPES = ("integer", "float", "string", "boolean")

_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*=\s*(?P<default>.+?)\s*\((?P<type>\w+)\)\s*[—-]+\s*(?P<meaning>.+)$"
)
_USED = re.compile(r"\$([A-Za-z_]\w*)")
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


class QueryError(LlzoKgError):
    """An unknown query, a bad parameter, or a query the database refused."""


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    type: str
    meaning: str


@dataclass(frozen=True)
class CannedQuery:
    name: str
    question: str
    params: tuple[Param, ...]
    notes: str
    text: str  # the statement, header lines removed
    path: Path

    def param(self, name: str) -> Param:
        for param in self.params:
            if param.name == name:
                return param
        declared = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(
            f"query {self.name!r} has no parameter {name!r} (its parameters: {declared})"
        )

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def browser_params(self) -> str:
        """The Neo4j Browser command that sets the defaults (``:params {element: 'Ga'}``)."""
        return (
            ":params {" + ", ".join(f"{p.name}: {_literal(p.default)}" for p in self.params) + "}"
        )


def _literal(value: Any) -> str:
    """A Cypher literal for a parameter default."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return repr(value)


def convert(value: str, type_: str, what: str) -> Any:
    """``value`` (as typed on a command line or in a header) as a ``type_`` value."""
    try:
        if type_ == "integer":
            return int(value)
        if type_ == "float":
            return float(value)
    except ValueError:
        raise QueryError(f"Invalid value {value!r} for {what} ({type_})") from None
    if type_ == "boolean":
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise QueryError(f"Invalid value {value!r} for {what} (boolean: true or false)")
    return value


def parse_query(text: str, path: Path) -> CannedQuery:
    """A ``.cypher`` file's header and statement; a malformed header raises ValueError naming
    the file and the line."""
    lines = text.splitlines()
    header: list[str] = []
    while lines and lines[0].lstrip().startswith("//"):
        header.append(lines.pop(0).lstrip()[2:].strip())
    fields: dict[str, str] = {}
    params: list[Param] = []
    notes: list[str] = []
    for line in header:
        key, _, rest = line.partition(":")
        if key == "param":
            params.append(_parse_param(rest.strip(), path))
        elif key in ("name", "question") and rest.strip():
            fields[key] = rest.strip()
        else:
            notes.append(line)
    for key in ("name", "question"):
        if key not in fields:
            raise ValueError(f"Invalid query file {path}: no '// {key}:' header line")
    if fields["name"] != path.stem:
        raise ValueError(f"Invalid query file {path}: '// name: {fields['name']}' is not its stem")
    statement = "\n".join(lines).strip()
    used = set(_USED.findall(statement))
    declared = {p.name for p in params}
    if used != declared:
        raise ValueError(
            f"Invalid query file {path}: parameters used {sorted(used)} but declared "
            f"{sorted(declared)}"
        )
    return CannedQuery(
        fields["name"], fields["question"], tuple(params), "\n".join(notes), statement, path
    )


def _parse_param(spec: str, path: Path) -> Param:
    match = _PARAM.match(spec)
    if not match or match["type"] not in TYPES:
        raise ValueError(
            f"Invalid query file {path}: param line {spec!r} is not "
            f"'NAME = DEFAULT (TYPE) — meaning' with TYPE one of {', '.join(TYPES)}"
        )
    default = match["default"]
    if match["type"] == "string":
        if len(default) < 2 or default[0] != "'" or default[-1] != "'":
            raise ValueError(f"Invalid query file {path}: string default {default} not in '...'")
        default = default[1:-1]
    value = convert(default, match["type"], f"the default of {match['name']} in {path}")
    return Param(match["name"], value, match["type"], match["meaning"])


def load_queries(directory: Path = QUERY_DIR) -> dict[str, CannedQuery]:
    """Every ``*.cypher`` file of ``directory`` by name, in name order."""
    paths = sorted(directory.glob("*.cypher"))
    return {p.stem: parse_query(p.read_text(encoding="utf-8"), p) for p in paths}


def get_query(name: str, directory: Path = QUERY_DIR) -> CannedQuery:
    queries = load_queries(directory)
    if name not in queries:
        raise QueryError(
            f"no canned query named {name!r}; 'llzo-kg queries' lists them: {', '.join(queries)}"
        )
    return queries[name]


def parse_params(query: CannedQuery, pairs: Sequence[str]) -> dict[str, Any]:
    """``--param k=v`` options as typed values (the declared type of each parameter)."""
    values: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise QueryError(f"Invalid --param {pair!r}: write it as name=value")
        param = query.param(name.strip())
        values[param.name] = convert(raw, param.type, f"parameter {param.name}")
    return values


def run_query(
    backend: GraphBackend, query: CannedQuery, params: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The query's rows, its defaults filled in for parameters not given."""
    values = query.defaults()
    for name, value in (params or {}).items():
        values[query.param(name).name] = value
    log.debug("running %s with %s", query.name, values)
    try:
        return backend.run(query.text, values)
    except LlzoKgError:
        raise
    except Exception as exc:  # the database refused it: say which query, where and why
        raise QueryError(f"query {query.name!r} failed on {backend.target}: {exc}") from exc


def listing(queries: Mapping[str, CannedQuery]) -> str:
    """What ``llzo-kg queries`` prints: each name and question, then its parameters."""
    lines: list[str] = []
    for query in queries.values():
        lines.append(f"{query.name}\n    {query.question}")
        lines += [
            f"    --param {p.name}=<{p.type}> (default {p.default!r}): {p.meaning}"
            for p in query.params
        ]
        if query.params:
            lines.append(f"    Neo4j Browser: {query.browser_params()}")
    return "\n".join(lines) + "\n"
