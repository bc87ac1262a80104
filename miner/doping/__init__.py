"""Doping statements in any material, not only garnets: which dopants went into which host.

One spaCy component (``llzo_doping``, ``miner.doping.component``) over the Doc's own tokens; its
statements go to ``doc._.dopings``. The modules, in the order a sentence passes them:

- ``lexicon``: the word lists (``miner/data/doping.toml``) and word classes;
- ``words``: the reader's words, made from the Doc's tokens;
- ``slots``, ``dopant_slots``: the reader of one sentence and the slots a phrasing fills (host
  phrases, dopant lists, sites);
- ``phrasings``, ``marker_phrasings``: the phrasings, dispatched by the table ``PHRASINGS``;
- ``statements``: ``DopingStatement`` and ``Phrase`` values and the passes that complete them;
- ``model``: the CRF tagger next to the rules (features, training, ``combine``);
- ``component``: the spaCy factory.

Method and figures: docs/doping-benchmark.md; decisions 0402, 0403, 0410 and 0404.
"""
