"""``graphx serve --digest weekly``: the running server sends this week's digests, once."""

from __future__ import annotations

import os
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphx.db import Database
from graphx.digest import digests, week_of
from tests.integration.smtp_inbox import smtp_inbox
from tests.integration.support import GRAPHX
from tests.integration.test_alerts import company  # noqa: F401  (the fixture)
from tests.integration.test_digest import mailed  # noqa: F401  (the fixture)
from tests.live.servers import free_ports

pytestmark = pytest.mark.neo4j


def test_serve_sends_the_weeks_digest_to_each_colleague_once(
    mailed: Database,  # noqa: F811
    cli_env: Path,
) -> None:
    today = datetime.now(UTC).date()
    week = week_of(today)
    due = sorted(d.address for d in digests(mailed, today))
    assert len(due) >= 2
    with smtp_inbox() as inbox:
        serving = subprocess.Popen(
            [str(GRAPHX), "serve", "--port", str(free_ports(1)[0]), "--digest", "weekly",
             "--smtp", f"127.0.0.1:{inbox.port}", "--from", "graphx@us.example"],
            env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 60
            while len(inbox.messages) < len(due) and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1)  # nothing more comes
        finally:
            serving.terminate()
            serving.wait(30)
    assert sorted(str(m["To"]) for m in inbox.messages) == due
    assert {str(m["Subject"]).split(":")[0] for m in inbox.messages} == {
        f"graphx weekly digest {week}"
    }


def test_a_digest_schedule_without_a_server_or_of_another_rhythm_is_refused(
    cli_env: Path,
) -> None:
    for args in (["--digest", "weekly"], ["--digest", "daily", "--smtp", "127.0.0.1:25"]):
        done = subprocess.run(
            [str(GRAPHX), "serve", *args], capture_output=True, text=True, timeout=60,
            check=False,
        )  # fmt: skip
        assert done.returncode == 2
        assert done.stderr.strip() == "error: --digest takes weekly, with --smtp HOST:PORT"
