"""llzo-kg: a literature-mining knowledge graph for garnet (LLZO) solid-state electrolytes.

The code lives in the top-level folders that show the data flow (corpus -> miner -> graph ->
queries); each folder is a top-level package of its own name (``corpus``, ``miner``, ``graph``,
``queries``, ``bench``), so imports name the folder they come from (decision 0004).
"""

from __future__ import annotations

__version__ = "0.1.0"
