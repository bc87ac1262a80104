"""Errors the CLI turns into one clear message (never a stack trace)."""

from __future__ import annotations


class LlzoKgError(Exception):
    """Base for errors a user can act on; the message says what and where."""

    exit_code = 2


class GraphUnavailable(LlzoKgError):
    """The graph database cannot be reached or started."""

    exit_code = 3


class NotLanded(LlzoKgError):
    """A command whose part of the project has not been built yet."""

    exit_code = 4

    def __init__(self, command: str, issue: int) -> None:
        super().__init__(
            f"'llzo-kg {command}' is not available yet: it arrives with issue #{issue}."
        )
