"""Errors the CLI turns into one clear message (never a stack trace)."""

from __future__ import annotations


class LlzoKgError(Exception):
    """Base for errors a user can act on; the message says what and where."""

    exit_code = 2


class GraphUnavailable(LlzoKgError):
    """The graph database cannot be reached or started."""

    exit_code = 3
