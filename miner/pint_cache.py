"""pint's default unit registry with its parsed definitions cached on disk.

Building ``pint.UnitRegistry()`` parses pint's definition files, ~0.2-0.3 s of every process that
converts a unit — a large share of one ``llzo-kg extract`` of an abstract. pint can keep the
parsed definitions in a cache folder (``cache_folder=``, pickles named by the hash of each
definition file); a registry built from it is the same registry in ~0.02 s.

pint writes its cache files in place, not atomically, so two processes starting together (the
workers of ``llzo-kg ingest --workers N``) could read a half-written file. Here a cache folder
is only ever *published whole*: it is filled in a private temporary folder and renamed into
place, and its name holds pint's version and the hash of the definition files, so every entry
in it is valid and pint never writes into a published folder. A folder that cannot be read
(damaged, or the cache directory not writable) costs the uncached build, never a wrong registry.

pint also imports, when they are installed, its optional integrations: dask (installed with
llzo-kg's ``[distributed]`` extra), uncertainties (with pymatgen) and babel — ~0.15-0.25 s that
llzo-kg never uses. ``import_pint`` hides them while pint is imported (pint then treats them as
absent; importing them later works as usual).

The cache lives in ``$LLZO_KG_CACHE_DIR``, else ``$XDG_CACHE_HOME/llzo-kg``, else
``~/.cache/llzo-kg`` (docs/decisions/0901-start-up-cost.md).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import shutil
import sys
import tempfile
import types
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pint

log = logging.getLogger(__name__)

CACHE_DIR_ENV = "LLZO_KG_CACHE_DIR"
_DEFINITION_FILES = ("default_en.txt", "constants_en.txt")
_UNUSED_INTEGRATIONS = ("dask", "uncertainties", "babel")


def import_pint() -> types.ModuleType:
    """``import pint`` without its optional integrations (a ``None`` in ``sys.modules`` makes
    ``find_spec`` answer None and ``import`` fail, which pint reads as "not installed")."""
    if "pint" in sys.modules:
        return sys.modules["pint"]
    hidden = [name for name in _UNUSED_INTEGRATIONS if name not in sys.modules]
    sys.modules.update(dict.fromkeys(hidden))
    try:
        import pint
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return pint


def cache_dir() -> Path:
    """Where llzo-kg keeps caches it can always rebuild."""
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "llzo-kg"


def registry_folder(root: Path | None = None) -> Path:
    """The cache folder for this pint and these definition files."""
    pint = import_pint()

    digest = hashlib.sha256()
    hash_definitions(digest)
    return (root or cache_dir()) / f"pint-{pint.__version__}-{digest.hexdigest()[:16]}"


def hash_definitions(digest: Any) -> None:
    """Feeds pint's definition files to ``digest`` (a ``hashlib`` object); pint is found, not
    imported."""
    spec = importlib.util.find_spec("pint")
    if spec is None or not spec.origin:
        return
    package = Path(spec.origin).parent
    for name in _DEFINITION_FILES:
        path = package / name
        if path.exists():
            digest.update(path.read_bytes())


def cached_registry(root: Path | None = None) -> pint.UnitRegistry:
    """``pint.UnitRegistry()``, built from the on-disk cache when there is one (and publishing
    one when there is not)."""
    pint = import_pint()

    folder = registry_folder(root)
    if folder.is_dir():
        try:
            return pint.UnitRegistry(cache_folder=folder)
        except Exception as exc:  # noqa: BLE001 - a damaged cache is rebuilt, never trusted
            log.warning("pint cache %s unreadable (%s): rebuilding it", folder, exc)
            shutil.rmtree(folder, ignore_errors=True)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as exc:
        log.debug("no pint cache (%s): building the registry from its files", exc)
        return pint.UnitRegistry()
    try:
        pint.UnitRegistry(cache_folder=scratch)  # fills the scratch folder
        scratch.rename(folder)  # atomic; fails when another process published first
    except OSError:
        if not folder.is_dir():
            return pint.UnitRegistry()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return pint.UnitRegistry(cache_folder=folder)
