"""The chemistry room: every fact of chemistry the project uses, defined once and imported by
corpus, miner, graph and queries alike (pymatgen's ``core/periodic_table.py`` and
``Composition`` are the model: one table, one value object).

- ``elements``: symbols, names, common oxidation states, Shannon ionic radii (from pymatgen);
- ``formula``: the frozen ``Formula`` value and the formula grammar papers write;
- ``garnet``: the garnet frame (parent Li7La3Zr2O12, its sites, which elements go on which site,
  declared in ``miner/data/garnet.toml``) and dopants read from a composition relative to it;
- ``family``: the one material-family classification (garnet, composite, polymer, salt, cathode,
  anode, cell, interface, other).

Plain Python and pymatgen, no spaCy: the corpus readers import it without the NLP stack.
See docs/decisions/0210-chemistry-one-room.md.
"""
