"""The extractor version stamped on every ``Document`` node (``extractorVersion``).

It is derived, not bumped by hand: a SHA-256 over the source and data files that decide what a
document becomes in the graph (the corpus readers and normaliser, the miner's code and data, the
mapping of facts to rows and the writer) and over the versions of the libraries that shape the
output (spaCy's tokenizer, pint, the publisher readers). Any change to them gives another
version, so the next ``ingest`` re-extracts every document once (docs/decisions/0606).
Hashing the files costs a few milliseconds and needs no import of spaCy; it is done once per
process.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import llzo_kg

# (package, files under it) whose content decides the graph a document becomes
SOURCES = (
    ("corpus", "**/*.py"),
    ("miner", "**/*"),
    ("graph", "rows.py"),
    ("graph", "writer.py"),
    ("graph", "summaries.py"),  # the writer's statements end with its summary part
    ("graph", "schema.py"),
)
DEPENDENCIES = (
    "spacy",
    "pint",
    "pymatgen-core",
    "chemdataextractor-lite",
    "python-crfsuite",
    "lxml",
    "pdfminer.six",
)


def _installed_root() -> Path:
    """The folder that holds the top-level packages (the checkout, or site-packages)."""
    spec = importlib.util.find_spec("miner")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the miner package is not importable")
    return Path(next(iter(spec.submodule_search_locations))).parent


def source_files(root: Path) -> Iterator[Path]:
    """The files ``SOURCES`` names under ``root``, in a fixed order; caches left out."""
    for package, pattern in SOURCES:
        for path in sorted((root / package).glob(pattern)):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                yield path


def code_digest(root: Path | None = None) -> str:
    """SHA-256 (hex) of every source file's relative path and bytes, and of the dependency
    versions. ``root`` defaults to where the packages are installed (cached per process)."""
    if root is None:
        return _installed_digest()
    digest = hashlib.sha256(b"llzo-kg-extractor/1\n")
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in DEPENDENCIES:
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()


@functools.cache
def _installed_digest() -> str:
    return code_digest(_installed_root())


def extractor_version() -> str:
    """``llzo-kg <version>+miner <first 12 hex digits of the code digest>``."""
    return f"llzo-kg {llzo_kg.__version__}+miner {code_digest()[:12]}"
