"""Load test of ``graphx serve``: N signed-in users mixing page loads and callbacks.

Each user (a thread with its own session) signs in, then loops: load a page (HTML, layout,
dependencies) and fire the callbacks that page fires in a browser, with real values taken
from the graph through the app's own option and search callbacks. Every response must be
200 (or 204 for "no update"); latencies are collected per kind, and the server's RSS is
sampled every few seconds.

    graphx serve --port 8765 &           # a scratch GRAPHX_HOME with the medium scale
    python benchmarks/load_dashboard.py --url http://127.0.0.1:8765 --user diana \\
        --password ... --users 20 --seconds 300 --pid $(pgrep -f "graphx serve")
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import requests


def _target(spec: str) -> dict[str, str]:
    component, prop = spec.split("@")[0].rsplit(".", 1)
    return {"id": component, "property": prop}


def _outputs(callback: dict[str, Any]) -> Any:
    text = callback["output"]
    if text.startswith("..") and text.endswith(".."):
        return [_target(part) for part in text[2:-2].split("...")]
    return _target(text)


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if error:
                self.errors.append(f"{kind}: {error}")


class User:
    """One signed-in browser session."""

    def __init__(self, url: str, name: str, password: str, results: Results) -> None:
        self.url, self.results = url, results
        self.http = requests.Session()
        answer = self.http.post(
            f"{url}/login", data={"username": name, "password": password, "next": "/"},
            allow_redirects=False, timeout=30,
        )  # fmt: skip
        if answer.status_code != 302:
            raise SystemExit(f"login failed: {answer.status_code}")
        self.callbacks = {
            c["output"]: c for c in self.http.get(f"{url}/_dash-dependencies", timeout=30).json()
        }

    def get(self, kind: str, path: str) -> None:
        start = time.perf_counter()
        try:
            answer = self.http.get(self.url + path, timeout=60)
            error = None if answer.status_code == 200 else f"{answer.status_code} {path}"
        except requests.RequestException as exc:
            error = f"{exc.__class__.__name__} {path}"
        self.results.add(kind, time.perf_counter() - start, error)

    def fire(self, kind: str, output: str, values: dict[str, Any]) -> Any:
        """POST the callback writing ``output`` with ``values`` ("id.prop" -> value)."""
        callback = next(c for o, c in self.callbacks.items() if output in o)

        def item(dep: dict[str, str]) -> dict[str, Any]:
            return {**dep, "value": values.get(f"{dep['id']}.{dep['property']}")}

        body = {
            "output": callback["output"], "outputs": _outputs(callback),
            "inputs": [item(d) for d in callback["inputs"]],
            "state": [item(d) for d in callback["state"]],
            "changedPropIds": [f"{d['id']}.{d['property']}" for d in callback["inputs"][:1]],
        }  # fmt: skip
        start = time.perf_counter()
        try:
            answer = self.http.post(f"{self.url}/_dash-update-component", json=body, timeout=60)
            ok = answer.status_code in (200, 204)
            error = None if ok else f"{answer.status_code} {output}"
            data = answer.json() if answer.status_code == 200 else None
        except (requests.RequestException, ValueError) as exc:
            error, data = f"{exc.__class__.__name__} {output}", None
        self.results.add(kind, time.perf_counter() - start, error)
        return data


def real_values(user: User) -> tuple[list[str], list[str]]:
    """Client organisation ids and person ids, from the app's own option callbacks."""
    found = user.fire("setup", "coverage-organisation.options", {})
    options = found["response"]["coverage-organisation"]["options"]
    organisations = [o["value"] for o in options]
    people: list[str] = []
    for typed in ("an", "ma", "el", "jo", "ch", "li"):
        found = user.fire("setup", "relationship-a.options", {"relationship-a.search_value": typed})
        people += [o["value"] for o in found["response"]["relationship-a"]["options"]]
    return organisations, sorted(set(people))


def session_loop(user: User, orgs: list[str], people: list[str], until: float, seed: int) -> None:
    """Like a person clicking around: a page, then the callbacks it fires."""
    rng = random.Random(seed)
    while time.monotonic() < until:
        org, a, b = rng.choice(orgs), rng.choice(people), rng.choice(people)
        page = rng.choice(["portfolio", "coverage", "relationship", "intro", "explorer", "gaps"])
        path, search = {
            "portfolio": ("/", ""),
            "coverage": ("/coverage", f"?{urlencode({'organisation': org})}"),
            "relationship": ("/relationship", f"?{urlencode({'a': a, 'b': b})}"),
            "intro": ("/intro", f"?{urlencode({'me': a, 'target': b})}"),
            "explorer": ("/explorer", f"?{urlencode({'person': a})}"),
            "gaps": ("/gaps", f"?{urlencode({'organisation': org})}"),
        }[page]
        user.get("page html", path + search)
        user.get("page layout", "/_dash-layout")
        user.fire(
            "page content callback", "_pages_content.children",
            {"_pages_location.pathname": path, "_pages_location.search": search},
        )  # fmt: skip
        if page == "coverage":
            user.fire("coverage callback", "coverage-content.children",
                      {"coverage-organisation.value": org})  # fmt: skip
        elif page == "relationship":
            user.fire("relationship callback", "relationship-content.children",
                      {"relationship-a.value": a, "relationship-b.value": b})  # fmt: skip
        elif page == "intro":
            user.fire("intro callback", "intro-content.children",
                      {"intro-me.value": a, "intro-target.value": b})  # fmt: skip
        elif page == "gaps":
            user.fire("gaps callback", "gaps-content.children", {"gaps-organisation.value": org})
        elif page == "portfolio":
            user.fire("health check", "db-banner.hidden", {"db-health.n_intervals": 1})
        user.fire(
            "search callback", "relationship-a.options",
            {"relationship-a.search_value": rng.choice(["an", "mar", "li", "zz"])},
        )  # fmt: skip
        time.sleep(rng.uniform(0.2, 1.0))  # think time


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--user", default="diana")
    parser.add_argument("--password", required=True)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--pid", type=int, help="The server process, to sample its RSS.")
    parser.add_argument("--out", type=Path, help="Write the results as JSON here.")
    args = parser.parse_args()

    results = Results()
    users = [User(args.url, args.user, args.password, results) for _ in range(args.users)]
    orgs, people = real_values(users[0])
    results.latencies.pop("setup", None)
    until = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=session_loop, args=(u, orgs, people, until, i), daemon=True)
        for i, u in enumerate(users)
    ]
    rss: list[tuple[float, int]] = []
    started = time.monotonic()
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        if args.pid:
            rss.append((round(time.monotonic() - started, 1), rss_kb(args.pid)))
        time.sleep(5)
    every = [s for values in results.latencies.values() for s in values]
    report = {
        "users": args.users, "seconds": args.seconds, "organisations": len(orgs),
        "people_sampled": len(people), "requests": len(every), "errors": len(results.errors),
        "first_errors": results.errors[:10],
        "p50_ms": round(1000 * statistics.median(every), 1),
        "p95_ms": round(1000 * percentile(every, 0.95), 1),
        "p99_ms": round(1000 * percentile(every, 0.99), 1),
        "by_kind": {
            kind: {
                "n": len(v), "p50_ms": round(1000 * statistics.median(v), 1),
                "p95_ms": round(1000 * percentile(v, 0.95), 1),
                "max_ms": round(1000 * max(v), 1),
            }
            for kind, v in sorted(results.latencies.items())
        },
        "rss_mb": [(t, round(kb / 1024, 1)) for t, kb in rss],
    }  # fmt: skip
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
