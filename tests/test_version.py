"""The extractor version is derived from the code and data that decide what a document becomes in
the graph: any change to them re-extracts every document on the next ingest (decision 0606)."""

from __future__ import annotations

import shutil
from pathlib import Path

from llzo_kg import __version__
from llzo_kg.version import DEPENDENCIES, code_digest, extractor_version, source_files

REPO = Path(__file__).resolve().parents[1]


def _tree(tmp_path: Path) -> Path:
    """A copy of the packages the digest reads, to change without touching the checkout."""
    root = tmp_path / "tree"
    for package in ("corpus", "miner", "graph"):
        shutil.copytree(
            REPO / package, root / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    return root


def test_version_names_the_package_and_the_code_digest() -> None:
    assert extractor_version() == f"llzo-kg {__version__}+miner {code_digest()[:12]}"
    assert extractor_version() == extractor_version()  # cached, and stable


def test_version_reads_miner_code_and_data_corpus_code_and_the_row_mapping(tmp_path) -> None:
    root = _tree(tmp_path)
    names = {p.relative_to(root).as_posix() for p in source_files(root)}
    assert {
        "miner/assemble.py",
        "miner/data/methods.toml",
        "miner/data/doping-model/doping.crfsuite",
        "corpus/normalize.py",
        "graph/rows.py",
        "graph/writer.py",
        "graph/summaries.py",
    } <= names
    assert "graph/server.py" not in names  # how the graph is served is not what it holds
    assert not any("__pycache__" in name or name.endswith(".pyc") for name in names)


def test_version_changes_with_any_miner_source_or_data_byte(tmp_path) -> None:
    root = _tree(tmp_path)
    before = code_digest(root)
    assert code_digest(root) == before
    table = root / "miner" / "data" / "methods.toml"
    table.write_bytes(table.read_bytes() + b"\n")
    after_data = code_digest(root)
    assert after_data != before
    module = root / "miner" / "assemble.py"
    module.write_text(module.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
    after_code = code_digest(root)
    (root / "miner" / "new_recogniser.py").write_text("X = 1\n", encoding="utf-8")
    after_new = code_digest(root)
    assert len({before, after_data, after_code, after_new}) == 4


def test_version_includes_the_versions_of_the_libraries_that_shape_the_output() -> None:
    assert {"spacy", "pint", "chemdataextractor-lite", "lxml"} <= set(DEPENDENCIES)
