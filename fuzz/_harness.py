"""What every harness shares: a scratch folder, and the one rule (a result or a GraphxError)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

SCRATCH = Path(tempfile.mkdtemp(prefix="graphx-fuzz-"))


def write(name: str, data: bytes) -> Path:
    """``data`` as the file ``name`` in the scratch folder (overwritten each run)."""
    path = SCRATCH / name
    path.write_bytes(data)
    return path


def result_or_graphx_error(call: Callable[[], Any], needs_location: str | None = None) -> Any:
    """Run ``call``; a GraphxError is a fine answer, anything else propagates as a crash.

    With ``needs_location``, every problem of an InputError must start with that file name.
    """
    from graphx.errors import GraphxError, InputError

    try:
        return call()
    except InputError as exc:
        if needs_location is not None:
            for problem in exc.problems:
                if needs_location not in problem.split(": ", 1)[0]:
                    raise AssertionError(f"problem without its file: {problem!r}") from exc
        return None
    except GraphxError:
        return None
