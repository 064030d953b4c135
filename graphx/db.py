"""Open the driver (one per process) and run named queries with the right routing."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, NotificationMinimumSeverity, RoutingControl
from neo4j.exceptions import AuthError, ServiceUnavailable, SessionExpired
from neo4j.time import Date, DateTime, Duration, Time

from graphx.config import Settings
from graphx.errors import DatabaseUnavailable, QueryFileError
from graphx.local_neo4j import LocalNeo4j
from graphx.queries import Query, load

Row = dict[str, Any]
T = TypeVar("T")


def _native(value: Any) -> Any:
    """Neo4j values as plain Python: temporal types become datetime/date, recursively."""
    if isinstance(value, (DateTime, Date, Time, Duration)):
        return value.to_native() if not isinstance(value, Duration) else value
    if isinstance(value, list):
        return [_native(v) for v in value]
    if isinstance(value, dict):
        return {k: _native(v) for k, v in value.items()}
    return value


def from_epoch(seconds: int | None) -> datetime | None:
    """A moment a query returned as epoch seconds (``x.epochSeconds``), as a UTC datetime."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def _rows(records: Iterable[neo4j.Record]) -> list[Row]:
    return [_row(record) for record in records]


def _row(record: neo4j.Record) -> Row:
    # a Record iterates over its values, not its keys
    return {k: _native(record[k]) for k in record.keys()}  # noqa: SIM118


def _checked(name: str, params: Mapping[str, Any]) -> Query:
    query = load(name)
    if set(params) != query.params:
        raise QueryFileError(
            f"{query.path}: called with {sorted(params)}, declares {sorted(query.params)}"
        )
    return query


class Database:
    """Named queries over one driver and database. Reads route to readers, writes to the leader."""

    def __init__(self, driver: neo4j.Driver, database: str) -> None:
        self.driver = driver
        self.database = database

    def read(self, name: str, /, **params: Any) -> list[Row]:
        query = _checked(name, params)
        records, _, _ = self.driver.execute_query(
            query.text, params, routing_=RoutingControl.READ, database_=self.database
        )
        return _rows(records)

    def stream(self, name: str, /, **params: Any) -> Iterator[list[Any]]:
        """A read's rows as raw driver values in column order, fetched as they are consumed.

        For results too large to hold as dicts (the full scoring stream); temporal values
        stay ``neo4j.time`` types.
        """
        query = _checked(name, params)
        with self.driver.session(
            database=self.database, default_access_mode=neo4j.READ_ACCESS, fetch_size=10_000
        ) as session:
            for record in session.run(neo4j.Query(query.text), params):
                yield record.values()

    def write(self, name: str, /, **params: Any) -> list[Row]:
        """Run a write query in its own managed (retried) transaction."""
        query = _checked(name, params)
        records, _, _ = self.driver.execute_query(
            query.text, params, routing_=RoutingControl.WRITE, database_=self.database
        )
        return _rows(records)

    def run_in_autocommit(self, name: str, /, **params: Any) -> list[Row]:
        """For statements that manage their own transactions (``CALL {} IN TRANSACTIONS``)."""
        query = _checked(name, params)
        with self.driver.session(database=self.database) as session:
            return _rows(session.run(neo4j.Query(query.text), params))

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One explicit transaction: everything in it applies together or not at all."""
        with (
            self.driver.session(database=self.database) as session,
            session.begin_transaction() as tx,
        ):
            yield Transaction(tx)
            tx.commit()

    def read_transaction(self, work: Callable[[Transaction], T]) -> T:
        """Run ``work`` in one managed read transaction (retried on transient errors, so
        ``work`` must be safe to run again from the start); return what it returns."""
        with self.driver.session(database=self.database, default_access_mode="READ") as session:
            return session.execute_read(lambda tx: work(Transaction(tx)))


class Transaction:
    """Named queries inside one explicit transaction."""

    def __init__(self, tx: neo4j.Transaction | neo4j.ManagedTransaction) -> None:
        self._tx = tx

    def run(self, name: str, /, **params: Any) -> list[Row]:
        query = _checked(name, params)
        return _rows(self._tx.run(query.text, params))

    def stream(self, name: str, /, **params: Any) -> Iterator[Row]:
        """The rows of a query one at a time, as the server sends them (constant memory)."""
        query = _checked(name, params)
        for record in self._tx.run(query.text, params):
            yield _row(record)


def connection_target(settings: Settings) -> tuple[str, tuple[str, str]]:
    """The URI and credentials to use: NEO4J_URI, else the running local server."""
    if settings.neo4j_uri:
        return settings.neo4j_uri, (settings.neo4j_user, settings.neo4j_password or "")
    local = LocalNeo4j(settings)
    status = local.status()
    if not status.running or status.uri is None:
        raise DatabaseUnavailable(
            "the local Neo4j is not running: start it with `graphx db start` "
            "(or set NEO4J_URI to a running server)"
        )
    return status.uri, (settings.neo4j_user, local.password)


@contextmanager
def connect(settings: Settings) -> Iterator[Database]:
    """Open the one driver of this process and check that the server answers."""
    uri, auth = connection_target(settings)
    driver = GraphDatabase.driver(
        uri, auth=auth, notifications_min_severity=NotificationMinimumSeverity.OFF
    )
    try:
        try:
            driver.verify_connectivity()
        except (ServiceUnavailable, OSError) as exc:
            hint = (
                "check that the server at NEO4J_URI runs, or unset NEO4J_URI to use the local one"
                if settings.neo4j_uri
                else "start it with `graphx db start`"
            )
            raise DatabaseUnavailable(
                f"Neo4j at {uri} does not answer ({exc.__class__.__name__}): {hint}"
            ) from exc
        except AuthError as exc:
            raise DatabaseUnavailable(
                f"Neo4j at {uri} refused the credentials: check NEO4J_USER and NEO4J_PASSWORD"
            ) from exc
        yield Database(driver, settings.neo4j_database)
    finally:
        driver.close()


def apply_schema(db: Database) -> None:
    """Create every constraint and index of ``cypher/schema.cypher`` (idempotent)."""
    for statement in load("schema").statements:
        db.driver.execute_query(statement, routing_=RoutingControl.WRITE, database_=db.database)


UNAVAILABLE: tuple[type[BaseException], ...] = (
    DatabaseUnavailable, ServiceUnavailable, SessionExpired, ConnectionError,
)  # fmt: skip
"""What a call raises when the server is down or unreachable (not a bad query)."""


def is_unavailable(error: BaseException) -> bool:
    """True when ``error`` (or what caused it) says the database cannot be reached."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, UNAVAILABLE):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def ping(db: Database, timeout: float = 2.0) -> bool:
    """Whether the server answers the cheapest query now (once, not retried: a health check)."""
    query = load("db.ping")
    try:
        with db.driver.session(database=db.database) as session:
            session.run(neo4j.Query(query.text, timeout=timeout)).consume()
    except UNAVAILABLE:
        return False
    return True


def delete_all(db: Database) -> None:
    """Delete every relationship, then every node, in small transactions (the schema stays)."""
    db.run_in_autocommit("db.delete_relationships")
    db.run_in_autocommit("db.delete_nodes")
