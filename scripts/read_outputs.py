"""Write the ``--json`` output of every read command on the demo company, one file per call.

Run it before and after a change that must not change behaviour, then compare the folders::

    .venv/bin/python scripts/read_outputs.py /tmp/before
    .venv/bin/python scripts/read_outputs.py /tmp/after
    diff -r /tmp/before /tmp/after

It starts its own local Neo4j in a temporary GRAPHX_HOME (NEO4J_URI is ignored), loads the
demo company (``generate --scale small --seed 1``, then ``import csv``, which scores), writes
the report's CSV files beside the outputs and stops the server at the end. The organisations
and people it asks about are read from the outputs themselves (the first clients, their
directors and the colleagues who know them), never fixed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

GRAPHX = str(Path(sys.executable).with_name("graphx"))
AS_OF = ("2025-06-30", "2023-12-31")


def run(env: dict[str, str], *args: str, cwd: Path | None = None) -> Any:
    done = subprocess.run(
        [GRAPHX, *args], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return {"exit": done.returncode, "stderr": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def calls(env: dict[str, str]) -> dict[str, list[str]]:
    """Every read command to record, by file name; ids come from the portfolio's answers."""
    wanted: dict[str, list[str]] = {"stats": ["stats", "--json"]}
    portfolio = run(env, "coverage", "--all", "--as-of", AS_OF[0], "--json")
    clients = [row["organisation"]["id"] for row in portfolio["clients"]][:3]
    people: list[str] = []
    colleagues: list[str] = []
    for as_of in AS_OF:
        wanted[f"coverage-all-{as_of}"] = ["coverage", "--all", "--as-of", as_of, "--json"]
        wanted[f"gaps-{as_of}"] = ["gaps", "--as-of", as_of, "--json"]
        wanted[f"alerts-{as_of}"] = ["alerts", "--as-of", as_of, "--json"]
        for interest in ("golf", "sailing"):
            wanted[f"occasion-{interest}-{as_of}"] = [
                "occasion", "plan", "--interest", interest, "--date", as_of, "--json"]  # fmt: skip
        wanted[f"requests-{as_of}"] = ["intro", "requests", "--as-of", as_of, "--json"]
        for org in clients:
            wanted[f"coverage-{org}-{as_of}"] = ["coverage", org, "--as-of", as_of, "--json"]
            wanted[f"gaps-{org}-{as_of}"] = ["gaps", "--organisation", org, "--as-of", as_of,
                                            "--json"]  # fmt: skip
            wanted[f"ties-{org}-{as_of}"] = ["ties", "--organisation", org, "--as-of", as_of,
                                            "--json"]  # fmt: skip
    for org in clients:
        answer = run(env, "coverage", org, "--as-of", AS_OF[0], "--json")
        for director in answer.get("directors", [])[:2]:
            people.append(director["id"])
            colleagues.extend(known["id"] for known in director["known_by"][:1])
    for colleague in dict.fromkeys(colleagues):
        for as_of in AS_OF:
            wanted[f"agenda-{colleague}-{as_of}"] = ["agenda", colleague, "--as-of", as_of,
                                                    "--json"]  # fmt: skip
            wanted[f"ties-{colleague}-{as_of}"] = ["ties", "--person", colleague, "--as-of",
                                                  as_of, "--json"]  # fmt: skip
        wanted[f"export-{colleague}"] = ["export-person", colleague]
    for colleague, director in zip(colleagues, people, strict=False):
        for as_of in AS_OF:
            wanted[f"explain-{colleague}-{director}-{as_of}"] = [
                "explain", colleague, director, "--as-of", as_of, "--json"]  # fmt: skip
    for director in people:
        wanted[f"export-{director}"] = ["export-person", director]
        if colleagues:
            wanted[f"intro-{colleagues[-1]}-{director}"] = [
                "intro", colleagues[-1], director, "--as-of", AS_OF[0], "--json"]  # fmt: skip
    return wanted


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="graphx-read-outputs-") as home:
        env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"} | {"GRAPHX_HOME": home}
        subprocess.run([GRAPHX, "db", "start"], env=env, check=True, capture_output=True)
        try:
            data = Path(home) / "company"
            subprocess.run([GRAPHX, "generate", "--out", str(data)], env=env, check=True,
                           capture_output=True)  # fmt: skip
            subprocess.run([GRAPHX, "import", "csv", str(data)], env=env, check=True,
                           capture_output=True)  # fmt: skip
            for name, args in calls(env).items():
                (out / f"{name}.json").write_text(json.dumps(run(env, *args), indent=1) + "\n")
            report = run(env, "report", "--quarter", "2025Q2", "--format", "csv", "--out",
                         "report", "--json", cwd=out)  # fmt: skip
            (out / "report.json").write_text(json.dumps(report, indent=1) + "\n")
        finally:
            subprocess.run([GRAPHX, "db", "stop"], env=env, check=False, capture_output=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
