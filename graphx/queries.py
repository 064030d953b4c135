"""Named Cypher queries, one per ``.cypher`` file under ``cypher/``.

A file's name is its path with dots: ``cypher/coverage/directors.cypher`` is
``coverage.directors``. Its leading ``//`` comment lines are the docstring, and one
of them declares the parameters the query takes::

    // Directors of an organisation as of a date.
    // params: organisation_id, as_of
    MATCH (o:Organisation {id: $organisation_id}) ...

The loader checks that the declared parameters are exactly those the query uses
and names ``file:line`` when they differ. A file may hold several statements
separated by ``;`` at the end of a line (the schema does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphx.errors import QueryFileError

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")


def query_root() -> Path:
    """The ``cypher`` folder: packaged inside graphx, or beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "cypher", here.parent / "cypher"):
        if candidate.is_dir():
            return candidate
    raise QueryFileError(f"no cypher/ folder next to {here}")


@dataclass(frozen=True)
class Query:
    """A named, parameter-checked query; it never owns a connection."""

    name: str
    text: str
    params: frozenset[str]
    doc: str
    path: Path

    @property
    def statements(self) -> list[str]:
        """The statements of the file, split at ``;`` line ends."""
        parts = re.split(r";\s*$", self.text, flags=re.MULTILINE)
        return [p.strip() for p in parts if p.strip()]


def parse(path: Path, name: str) -> Query:
    """Parse one ``.cypher`` file; raise QueryFileError naming file:line on a bad header."""
    lines = path.read_text(encoding="utf-8").splitlines()
    doc: list[str] = []
    declared: set[str] | None = None
    params_line = 0
    body_start = 0
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        comment = stripped[2:].strip()
        if comment.startswith("params:"):
            params_line = number
            value = comment.removeprefix("params:").strip()
            declared = set() if value in ("", "none") else {p.strip() for p in value.split(",")}
        else:
            doc.append(comment)
    else:
        body_start = len(lines)
    if declared is None:
        raise QueryFileError(f"{path}:1: no '// params:' line in the header")
    body = "\n".join(lines[body_start:])
    code = "\n".join(_STRING.sub("''", line).split("//")[0] for line in body.splitlines())
    used = set(_PARAM.findall(code))
    if used != declared:
        missing, unused = sorted(used - declared), sorted(declared - used)
        raise QueryFileError(
            f"{path}:{params_line}: declared params differ from those used"
            f" (undeclared: {missing or '-'}; unused: {unused or '-'})"
        )
    return Query(
        name=name, text=body.strip(), params=frozenset(declared), doc=" ".join(doc), path=path
    )


@cache
def all_queries() -> dict[str, Query]:
    """Every query under the root, by name."""
    root = query_root()
    found = {}
    for path in sorted(root.rglob("*.cypher")):
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        found[name] = parse(path, name)
    return found


def load(name: str) -> Query:
    """The query called ``name`` (e.g. ``"coverage.directors"``)."""
    try:
        return all_queries()[name]
    except KeyError:
        raise QueryFileError(f"no query named {name!r} under {query_root()}") from None
