"""What a short command pays before it does anything: imports kept to what it uses.

``import spacy`` (3.8) imports its whole command line to offer ``spacy.info``: typer, weasel,
httpx, requests, rich, jinja2 — ~0.15-0.3 s of the ~0.6 s spaCy takes to import here, and
llzo-kg never runs spaCy's CLI. ``import_spacy`` imports spaCy with a stand-in for that one
name and removes the stand-in afterwards, so ``import spacy.cli`` still imports the real one and
``spacy.info`` still works (it imports the real function when called). spaCy made the import
lazy upstream (explosion/spaCy#12962, #13933); drop this when a release in our range has it
(docs/decisions/0901-start-up-cost.md).
"""

from __future__ import annotations

import sys
import types
from typing import Any

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
