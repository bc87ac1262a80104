"""Errors the CLI turns into one clear message (never a stack trace)."""

from __future__ import annotations


class LlzoKgError(Exception):
    """Base for errors a user can act on; the message says what and where."""

    exit_code = 2


class GraphUnavailable(LlzoKgError):
    """The graph database cannot be reached or started. ``retryable`` is False when waiting
    cannot help (the embedded server stopped on a full disk, a damaged data file): the run
    reports it at once instead of retrying."""

    exit_code = 3

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.retryable = retryable
