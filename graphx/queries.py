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

A rule that many queries share is written once, under ``cypher/rules/``, and a query uses
it as ``@name(arguments)``; the loader puts the rule's text in its place, in parentheses,
with its arguments (variables or ``$parameters``) for the names its ``// rule:`` line
declares::

    // rule: w, day
    (w.from IS NULL OR w.from <= day) AND (w.until IS NULL OR w.until > day)

    MATCH (p)-[w:WORKS_AT]->(o) WHERE @employed(w, $as_of)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from graphx.errors import QueryFileError

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_USE = re.compile(r"@([a-z_]+)\(([^()]*)\)")
_NAME = r"(?<![\w$.]){}(?!\w)"
RULES = "rules"
"""The folder of ``cypher/`` that holds rules, not queries."""


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


@dataclass(frozen=True)
class Rule:
    """A shared piece of a ``WHERE`` clause, written once and used as ``@name(args)``."""

    name: str
    args: tuple[str, ...]
    text: str
    path: Path

    def applied(self, values: list[str], where: str) -> str:
        """The rule's text with ``values`` for its arguments, in parentheses."""
        if len(values) != len(self.args):
            raise QueryFileError(
                f"{where}: @{self.name} takes {len(self.args)} arguments, given {len(values)}"
            )
        given = dict(zip(self.args, values, strict=True))
        names = "|".join(re.escape(arg) for arg in self.args)
        text = re.sub(_NAME.format(f"({names})"), lambda m: given[m.group(1)], self.text)
        return f"({text})"


def parse_rule(path: Path) -> Rule:
    """Parse one rule file: ``//`` comments, a ``// rule: args`` line, then the expression."""
    lines = path.read_text(encoding="utf-8").splitlines()
    args = [line.split("rule:", 1)[1] for line in lines if line.startswith("// rule:")]
    if len(args) != 1:
        raise QueryFileError(f"{path}:1: a rule needs one '// rule: arguments' line")
    body = " ".join(line.strip() for line in lines if not line.lstrip().startswith("//"))
    if _PARAM.search(body) or _USE.search(body):
        raise QueryFileError(f"{path}: a rule takes its values as arguments, not $parameters")
    names = tuple(a.strip() for a in args[0].split(",") if a.strip())
    if not names:
        raise QueryFileError(f"{path}: a rule names at least one argument (// rule: p)")
    return Rule(name=path.stem, args=names, text=" ".join(body.split()), path=path)


@cache
def all_rules() -> dict[str, Rule]:
    """Every rule under ``cypher/rules/``, by name."""
    return {p.stem: parse_rule(p) for p in sorted((query_root() / RULES).glob("*.cypher"))}


def expand(text: str, path: Path, first_line: int = 1) -> str:
    """``text`` (line ``first_line`` of ``path`` onwards) with every ``@rule(args)`` replaced
    by the rule; an unknown rule or a wrong count of arguments names the file and line."""

    def one(match: re.Match[str]) -> str:
        where = f"{path}:{first_line + text.count(chr(10), 0, match.start())}"
        rule = all_rules().get(match.group(1))
        if rule is None:
            raise QueryFileError(f"{where}: no rule @{match.group(1)} in cypher/{RULES}/")
        return rule.applied([v.strip() for v in match.group(2).split(",")], where)

    return _USE.sub(one, text)


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
    body = expand("\n".join(lines[body_start:]), path, body_start + 1)
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
        if path.parent == root / RULES:
            continue
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        found[name] = parse(path, name)
    return found


def load(name: str) -> Query:
    """The query called ``name`` (e.g. ``"coverage.directors"``)."""
    try:
        return all_queries()[name]
    except KeyError:
        raise QueryFileError(f"no query named {name!r} under {query_root()}") from None
