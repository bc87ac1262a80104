"""Benchmarks behind ``llzo-kg bench`` (``run.py``) and their parts (``miner.py``)."""
