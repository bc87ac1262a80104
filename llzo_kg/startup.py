"""What a short command pays before it does anything: imports kept to what it uses.

``import spacy`` (3.8) imports its whole command line to offer ``spacy.info``: typer, weasel,
httpx, requests, rich, jinja2 — ~0.15-0.3 s of the ~0.6 s spaCy takes to import here, and
llzo-kg never runs spaCy's CLI. ``import_spacy`` imports spaCy with a stand-in for that one
name and removes the stand-in afterwards, so ``import spacy.cli`` still imports the real one and
``spacy.info`` still works (it imports the real function when called). spaCy made the import
lazy upstream (explosion/spaCy#12962, #13933); drop this when a release in our range has it
(docs/decisions/0901-start-up-cost.md).

``start_fork_server`` starts the worker pool's fork server (``llzo_kg.parallel``) before the
command imports the rest: the fork server loads the miner (~1.5 s of CPU) on the other core while
this process imports the reader, the records and the pool (~0.4 s), instead of after them
(docs/decisions/0213-miner-speed-doping-and-start-up.md).
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from typing import Any

# how the worker pool starts its workers, and what its fork server loads first
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
PRELOAD = "llzo_kg.warm"

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``, importing spaCy's command line only when it is called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """``import spacy`` without importing spaCy's command line; a no-op once spaCy is in."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    cli = types.ModuleType(_CLI)
    info = types.ModuleType(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    stand_ins = {_CLI: cli, _INFO: info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        del spacy.cli  # the next ``import spacy.cli`` sets the real one
    return spacy


def start_fork_server() -> None:
    """Start the worker pool's fork server now, preloading the miner; the pool finds it running
    (a no-op where there is no fork server, or when it runs already)."""
    if START_METHOD != "forkserver":
        return
    from multiprocessing import forkserver

    multiprocessing.get_context(START_METHOD).set_forkserver_preload([PRELOAD])
    forkserver.ensure_running()
