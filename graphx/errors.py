"""One root exception; each child names a kind of failure and its exit code."""

from __future__ import annotations

from collections.abc import Sequence


class GraphxError(Exception):
    """Root of every error graphx raises on purpose; the CLI prints it in one line."""

    exit_code = 1


class ConfigError(GraphxError):
    """A setting is missing or malformed."""

    exit_code = 2


class DatabaseUnavailable(GraphxError):
    """Neo4j cannot be reached; the message says what to do."""

    exit_code = 3


class LocalServerError(GraphxError):
    """The local Neo4j could not be resolved, started or stopped."""

    exit_code = 4


class NotFound(GraphxError):
    """A person, organisation or other key named by the user does not exist."""

    exit_code = 5


class QueryFileError(GraphxError):
    """A `.cypher` file is malformed (its message names file:line)."""

    exit_code = 6


class Refused(GraphxError):
    """A command that cannot run on this target; the message names the one that can."""

    exit_code = 8


class InputError(GraphxError):
    """Bad input data; `problems` lists every `file:line: field: what is wrong`."""

    exit_code = 7

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        shown = "\n".join(self.problems[:50])
        more = len(self.problems) - 50
        if more > 0:
            shown += f"\n... and {more} more"
        super().__init__(f"{len(self.problems)} problem(s) in the input, nothing written:\n{shown}")


class SourceAuthError(GraphxError):
    """A live source refused its credentials; the message names the source."""

    exit_code = 9


class SourceUnreachable(GraphxError):
    """A live source's server could not be reached or spoke no usable protocol."""

    exit_code = 10
