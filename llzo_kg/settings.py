"""Where the graph lives: command-line flags win over environment variables, which win over
defaults. Resolved once at the CLI edge and passed down as a plain value."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from llzo_kg.errors import LlzoKgError

DATA_DIR_ENV = "LLZO_KG_DATA_DIR"
DEFAULT_DATA_DIR = ".llzo-kg"
DEFAULT_GRAPH_NAME = "llzo"
DEFAULT_BUDGET_S = 600.0  # seconds to read and extract one document (--doc-timeout)
BUDGET_ENV = "LLZO_KG_DOC_TIMEOUT"


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    username: str
    password: str = field(default="", repr=False)  # never shown in logs or messages
    database: str | None = None


@dataclass(frozen=True)
class GraphSettings:
    """Either a Neo4j to connect to, or the embedded FalkorDB in ``data_dir``."""

    data_dir: Path
    neo4j: Neo4jSettings | None = None
    graph_name: str = DEFAULT_GRAPH_NAME

    @property
    def embedded(self) -> bool:
        return self.neo4j is None


def resolve_data_dir(flag: str | os.PathLike | None = None) -> Path:
    value = flag or os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR
    return Path(value).expanduser().resolve()


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*://)([^/?#]*)@")


def split_credentials(uri: str) -> tuple[str, str | None, str | None]:
    """``neo4j://alice:pw@host:7687`` -> (``neo4j://host:7687``, "alice", "pw"): credentials
    written into the URI are taken out of it, so the URI can be shown in messages and stored in
    the run report without them."""
    m = _USERINFO.match(uri)
    if m is None:
        return uri, None, None
    user, colon, password = m.group(2).partition(":")
    return m.group(1) + uri[m.end() :], unquote(user) or None, unquote(password) if colon else None


def resolve(
    data_dir: str | os.PathLike | None = None,
    neo4j_uri: str | None = None,
    neo4j_username: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> GraphSettings:
    """Settings from flags (given here) over ``NEO4J_*`` / ``LLZO_KG_DATA_DIR`` variables; a
    user and password inside the URI count as given with it (``split_credentials``)."""
    env = os.environ
    uri = neo4j_uri or env.get("NEO4J_URI")
    neo4j = None
    if uri:
        uri, uri_user, uri_password = split_credentials(uri)
        neo4j = Neo4jSettings(
            uri=uri,
            username=neo4j_username or uri_user or env.get("NEO4J_USERNAME") or "neo4j",
            password=neo4j_password or uri_password or env.get("NEO4J_PASSWORD") or "",
            database=neo4j_database or env.get("NEO4J_DATABASE") or None,
        )
    return GraphSettings(data_dir=resolve_data_dir(data_dir), neo4j=neo4j)


def default_budget() -> float | None:
    """Seconds per document: ``LLZO_KG_DOC_TIMEOUT`` or 600; 0 means no limit."""
    raw = os.environ.get(BUDGET_ENV)
    try:
        value = float(raw) if raw else DEFAULT_BUDGET_S
    except ValueError:
        raise LlzoKgError(f"{BUDGET_ENV}={raw!r} is not a number of seconds") from None
    return value if value > 0 else None
