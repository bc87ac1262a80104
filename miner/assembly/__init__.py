"""Fact assembly, step by step: the modules that ``miner.assemble.assemble`` calls in order."""
