"""A local Neo4j 5.26 Community server, resolved from Maven Central and run as a child process.

Jars are resolved once into the per-user cache by the Maven project in
``neo4j-local/pom.xml``; each home (``GRAPHX_HOME``) has its own configuration,
data, logs, password and pid file, so the test suite's server never touches a
user's data.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from graphx.config import NEO4J_VERSION, Settings
from graphx.errors import LocalServerError
from graphx.queries import load

ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
JVM_FLAGS = [
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
]
INSTALL_HINT = (
    "install Java 17+ and Maven (Debian: apt install openjdk-17-jre-headless maven), "
    "or run Neo4j with `docker compose up` and set NEO4J_URI"
)


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    uri: str | None
    home: Path


def _pom() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "neo4j-local" / "pom.xml", here.parent / "neo4j-local" / "pom.xml"):
        if candidate.is_file():
            return candidate
    raise LocalServerError(f"neo4j-local/pom.xml not found next to {here}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _alive(pid: int, marker: str) -> bool:
    """True when ``pid`` is a live process whose command line contains ``marker``."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    return marker in cmdline


class LocalNeo4j:
    """Resolve, configure, start, stop and describe the local server of one home."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.dir = settings.home / "neo4j"
        self.lib = settings.cache / f"neo4j-{NEO4J_VERSION}" / "lib"
        self.state_file = self.dir / "server.json"

    # -- state -------------------------------------------------------------
    def _state(self) -> dict[str, object]:
        try:
            return dict(json.loads(self.state_file.read_text()))
        except (OSError, ValueError):
            return {}

    def _save_state(self, **values: object) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        state = self._state() | values
        self.state_file.write_text(json.dumps(state))

    @property
    def password(self) -> str:
        """The server's password: NEO4J_PASSWORD, else one generated on first start."""
        if self.settings.neo4j_password:
            return self.settings.neo4j_password
        path = self.dir / "password"
        if not path.exists():
            self.dir.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(24))
        return path.read_text().strip()

    def status(self) -> ServerStatus:
        state = self._state()
        pid, port = state.get("pid"), state.get("port")
        running = (
            isinstance(pid, int)
            and isinstance(port, int)
            and _alive(pid, str(self.dir))
            and _port_answers(port)
        )
        return ServerStatus(
            running=running,
            pid=pid if running else None,  # type: ignore[arg-type]
            uri=f"bolt://127.0.0.1:{port}" if running else None,
            home=self.dir,
        )

    # -- resolve -----------------------------------------------------------
    def resolve(self) -> Path:
        """Download the server's jars from Maven Central once; return the lib folder."""
        if (self.lib / ".complete").exists():
            return self.lib
        for tool in ("java", "mvn"):
            if shutil.which(tool) is None:
                raise LocalServerError(f"`{tool}` not found: {INSTALL_HINT}")
        self.lib.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="lib-", dir=self.lib.parent))
        command = [
            "mvn", "-q", "-B", "-f", str(_pom()), "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}", "-DincludeScope=runtime",
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            shutil.rmtree(staging, ignore_errors=True)
            raise LocalServerError(
                f"Maven could not resolve Neo4j {NEO4J_VERSION}: {done.stdout[-2000:]}"
            )
        (staging / ".complete").touch()
        try:
            staging.rename(self.lib)
        except OSError:  # another process finished first
            shutil.rmtree(staging, ignore_errors=True)
        return self.lib

    def java_command(self, main_class: str, *args: str, heap: str | None = None) -> list[str]:
        """A ``java`` command line running ``main_class`` from the resolved jars."""
        memory = [f"-Xms{heap}", f"-Xmx{heap}"] if heap else []
        return ["java", *memory, *JVM_FLAGS, "-cp", f"{self.resolve()}/*", main_class, *args]

    def _write_conf(self, port: int) -> Path:
        conf_dir = self.dir / "conf"
        conf_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("data", "logs", "run", "import"):
            (self.dir / sub).mkdir(exist_ok=True)
        lines = [
            f"server.bolt.listen_address=127.0.0.1:{port}",
            f"server.bolt.advertised_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.retention_policy=2 files",
            f"server.memory.pagecache.size={self.settings.neo4j_pagecache}",
            "dbms.usage_report.enabled=false",
            # the Bolt read-timeout hint clients get; generous, so a starved machine's long
            # commits are not cut off as "defunct connection"
            "server.bolt.connection_keep_alive=5m",
            # Bolt's shutdown waits out two 5-second quiet periods for connections that are
            # gone by then (graphx closes its own); a stop, backup or bulk load waits instead
            "internal.dbms.bolt.netty_server_shutdown_quiet_period=0",
            "internal.server.bolt.connection_shutdown_wait_time=100ms",
            f"server.directories.data={self.dir / 'data'}",
            f"server.directories.logs={self.dir / 'logs'}",
            f"server.directories.run={self.dir / 'run'}",
            f"server.directories.import={self.dir / 'import'}",
        ]
        (conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")
        return conf_dir

    def admin(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``neo4j-admin`` (AdminTool) against this home's configuration."""
        env = os.environ | {"NEO4J_HOME": str(self.dir), "NEO4J_CONF": str(self.dir / "conf")}
        return subprocess.run(
            self.java_command(ADMIN_TOOL, *args, heap="1g"),
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip

    def run_admin(self, *args: str) -> None:
        """Run ``neo4j-admin`` on this home's database; LocalServerError, with the tool's last
        line, when it fails."""
        if not (self.dir / "conf" / "neo4j.conf").is_file():
            raise LocalServerError(
                f"no local Neo4j configured in {self.dir}: run `graphx db start` once first"
            )
        done = self.admin(*args)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit code {done.returncode}"
            raise LocalServerError(f"neo4j-admin {' '.join(args[:2])} failed: {reason}")

    @contextlib.contextmanager
    def stopped(self) -> Iterator[None]:
        """The server stopped for the block (Community cannot stop one database alone),
        started again afterwards when it was running."""
        was_running = self.status().running
        self.stop()
        try:
            yield
        finally:
            if was_running:
                self.start()

    # -- lifecycle -----------------------------------------------------------
    def start(self, timeout: float = 180.0) -> str:
        """Start the server unless it runs already; return its Bolt URI."""
        current = self.status()
        if current.running:
            assert current.uri is not None
            return current.uri
        state = self._state()
        port = state.get("port")
        if not isinstance(port, int) or _port_answers(port):
            port = _free_port()
        conf_dir = self._write_conf(port)
        if not (self.dir / "data" / "dbms" / "auth.ini").exists():
            done = self.admin("dbms", "set-initial-password", "--", self.password)
            if done.returncode != 0:
                raise LocalServerError(f"could not set the initial password: {done.stderr[-2000:]}")
        log = (self.dir / "logs" / "console.log").open("ab")
        process = subprocess.Popen(
            self.java_command(
                ENTRY_POINT, f"--home-dir={self.dir}", f"--config-dir={conf_dir}",
                heap=self.settings.neo4j_heap,
            ),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True, cwd=self.dir,
        )  # fmt: skip
        self._save_state(pid=process.pid, port=port)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise LocalServerError(
                    f"Neo4j exited with code {process.returncode}; see {self.dir / 'logs'}"
                    f"{self._log_tail()}"
                )
            if _port_answers(port) and self._bolt_ready(port):
                return f"bolt://127.0.0.1:{port}"
            time.sleep(0.25)
        tail = self._log_tail()
        self.stop()
        raise LocalServerError(
            f"Neo4j did not answer within {timeout:.0f}s; see {self.dir / 'logs'}{tail}"
        )

    def _log_tail(self, lines: int = 15) -> str:
        """The last lines of the server's own log, to quote in an error."""
        try:
            text = (self.dir / "logs" / "neo4j.log").read_text(errors="replace")
        except OSError:
            return ""
        return "\nlast lines of neo4j.log:\n" + "\n".join(text.splitlines()[-lines:])

    def _bolt_ready(self, port: int) -> bool:
        from neo4j import GraphDatabase
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        auth = (self.settings.neo4j_user, self.password)
        try:
            with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=auth) as driver:
                ping = load("db.ping").text
                driver.execute_query(ping, database_=self.settings.neo4j_database)
            return True
        except (ServiceUnavailable, Neo4jError, OSError):
            return False

    @contextlib.contextmanager
    def running(self) -> Iterator[str]:
        """The server running for the duration (its Bolt URI): started, and stopped at the
        end, unless it ran already, in which case it is left running."""
        ours = not self.status().running
        try:
            yield self.start()
        finally:
            if ours:
                self.stop()

    def stop(self, timeout: float = 60.0) -> bool:
        """Stop the server cleanly (SIGTERM, then SIGKILL); False when it was not running."""
        pid = self._state().get("pid")
        if not isinstance(pid, int) or not _alive(pid, str(self.dir)):
            self._save_state(pid=None)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _alive(pid, str(self.dir)):
            _reap(pid)
            time.sleep(0.1)
        if _alive(pid, str(self.dir)):
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.5)
            _reap(pid)
        self._save_state(pid=None)
        return True


def _reap(pid: int) -> None:
    """Collect the exit status of our own child so it does not linger as a zombie."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
