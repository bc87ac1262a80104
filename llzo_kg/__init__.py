"""llzo-kg: a literature-mining knowledge graph for garnet (LLZO) solid-state electrolytes.

The code lives in the top-level folders that show the data flow (corpus -> miner -> graph ->
queries); they are installed as the subpackages ``llzo_kg.corpus``, ``llzo_kg.miner``,
``llzo_kg.graph`` and ``llzo_kg.queries``.
"""

from __future__ import annotations

__version__ = "0.1.0"
