"""Capture the JSON answers of one graphx installation, to compare two versions of the code.

    .venv/bin/python -m benchmarks.answers PYTHON GRAPHX_HOME OUT_DIR [--as-of D ...]

Runs ``PYTHON -m graphx.cli`` (the interpreter of the installation to capture: a venv of an
older commit, or this one) against the server of ``GRAPHX_HOME``, one process per question:
the portfolio, coverage of seven clients, gaps of every client, nine introductions, 24
explanations, four agendas and a golf occasion plan, for each date; writes
``OUT_DIR/<date>.json``. The questions (ids) are picked once from the first capture's answers
and kept in ``OUT_DIR/../ids.json``, so a second capture asks the same. Compare two captures
with ``diff`` or ``python -m benchmarks.answers --compare OLD_DIR NEW_DIR``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
from pathlib import Path
from typing import Any


def ask(python: str, home: str, *args: str) -> Any:
    """One command's JSON answer (or its error)."""
    done = subprocess.run(
        [python, "-c", "from graphx.cli import app; app(prog_name='graphx')", *args],
        env=dict(os.environ, GRAPHX_HOME=home), capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        return {"error": done.returncode, "stderr": done.stderr[-500:]}
    return json.loads(done.stdout)


def questions(python: str, home: str, day: str, path: Path) -> dict[str, list[str]]:
    """The clients, directors and colleagues to ask about, chosen once and kept in ``path``."""
    if path.exists():
        return dict(json.loads(path.read_text()))
    rng = random.Random(4)
    portfolio = ask(python, home, "coverage", "--all", "--as-of", day, "--json")
    clients = [c["organisation"]["id"] for c in portfolio["clients"]]
    picked = clients[:3] + rng.sample(clients, 4)
    directors, colleagues = [], set()
    for client in picked:
        for d in ask(python, home, "coverage", client, "--as-of", day, "--json")["directors"]:
            directors.append(d["id"])
            colleagues.update(k["id"] for k in d["known_by"])
    chosen = {
        "clients": picked,
        "directors": rng.sample(directors, 6),
        "colleagues": rng.sample(sorted(colleagues), min(4, len(colleagues))),
    }
    path.write_text(json.dumps(chosen))
    return chosen


def capture(python: str, home: str, out: Path, days: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    ids = questions(python, home, days[0], out.parent / "ids.json")
    for day in days:
        on = ("--as-of", day, "--json")
        found = {
            "portfolio": ask(python, home, "coverage", "--all", *on),
            "coverage": [ask(python, home, "coverage", c, *on) for c in ids["clients"]],
            "gaps": ask(python, home, "gaps", *on),
            "intro": [ask(python, home, "intro", c, d, *on)
                      for c in ids["colleagues"][:3] for d in ids["directors"][:3]],
            "explain": [ask(python, home, "explain", c, d, *on)
                        for c in ids["colleagues"] for d in ids["directors"]],
            "agenda": [ask(python, home, "agenda", c, *on) for c in ids["colleagues"]],
            "occasion": ask(python, home, "occasion", "plan", "--interest", "golf",
                            "--date", day, "--json"),
        }  # fmt: skip
        (out / f"{day}.json").write_text(json.dumps(found, indent=1, sort_keys=True))
        print(day, "captured", flush=True)


def _as_before(before: Any, after: Any) -> Any:
    """``after`` without the fields ``before`` did not have (fields a version added)."""
    if isinstance(before, dict) and isinstance(after, dict):
        return {k: _as_before(v, after.get(k)) for k, v in before.items()}
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [_as_before(b, a) for b, a in zip(before, after, strict=True)]
    return after


def compare(old: Path, new: Path) -> None:
    """Which answers differ between two captures (per date and question), ignoring fields
    only the new capture has."""
    for path in sorted(old.glob("*.json")):
        before, after = json.loads(path.read_text()), json.loads((new / path.name).read_text())
        for question in before:
            same = before[question] == _as_before(before[question], after.get(question))
            print(path.stem, question, "same" if same else "DIFFERENT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+", help="PYTHON GRAPHX_HOME OUT_DIR, or OLD NEW")
    parser.add_argument("--as-of", action="append", default=[])
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if args.compare:
        compare(Path(args.paths[0]), Path(args.paths[1]))
        return
    python, home, out = args.paths
    capture(python, home, Path(out), args.as_of or ["2026-11-27"])


if __name__ == "__main__":
    main()
