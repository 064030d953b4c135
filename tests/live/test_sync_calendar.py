"""``graphx sync`` of CalDAV calendars against the session's real Radicale."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from graphx.db import Database, delete_all
from graphx.importers.calendar import default_horizon, import_ics
from graphx.importers.canonical import import_canonical
from graphx.repository.stats import graph_stats
from graphx.sources import calendars
from graphx.sources.calendars import CalendarReader
from graphx.sources.registry import add_source
from graphx.sources.spec import SourceSpec, make_spec
from graphx.sources.sync import sync
from graphx.ties.store import score_all
from tests.integration.support import canonical_dump, ties
from tests.live.mail_data import DATA, MEETINGS, calendar, calendar_objects, event, vevent
from tests.live.servers import CalUser, Radicale

pytestmark = pytest.mark.neo4j


def caldav_source(
    db: Database,
    user: CalUser,
    monkeypatch: pytest.MonkeyPatch,
    *,
    name: str = "calendar",
    calendars: tuple[str, ...] = (),
) -> SourceSpec:
    """``user``'s calendars as a source (plain HTTP to loopback, or HTTPS with the test CA)."""
    monkeypatch.setenv("CALPW", user.password)
    server = user.server
    spec = make_spec(
        name, "caldav", server.url, user=user.name, password_env="CALPW",
        folders=calendars, insecure=not server.tls, ca_file=server.ca_file,
    )  # fmt: skip
    return add_source(db, spec)


def conversations(db: Database) -> dict[str, tuple[object, ...]]:
    """Each conversation's date, subject and participants."""
    records, _, _ = db.driver.execute_query(
        "MATCH (c:Conversation) RETURN c.id AS id, c.date AS date, c.subject AS subject, "
        "COLLECT { MATCH (c)<-[:PARTICIPATED]-(p) RETURN p.id ORDER BY p.id } AS people"
    )
    return {r["id"]: (r["date"].to_native(), r["subject"], tuple(r["people"])) for r in records}


def test_a_first_sync_equals_the_file_import_of_the_same_events(
    db: Database, cal_user: CalUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_canonical(db, DATA / "canonical")
    work = cal_user.make_calendar("Work")
    for uid, data in calendar_objects(MEETINGS).items():
        cal_user.put_event(work, uid, data)
    caldav_source(db, cal_user, monkeypatch)
    (result,) = sync(db)
    assert result.error is None
    synced = canonical_dump(db), graph_stats(db), ties(db)
    delete_all(db)
    import_canonical(db, DATA / "canonical")
    imported = import_ics(db, [MEETINGS])
    score_all(db)
    dump = canonical_dump(db)
    dump["labels"], dump["types"] = synced[0]["labels"], synced[0]["types"]
    assert synced == (dump, graph_stats(db), ties(db))
    assert result.fetched == len(calendar_objects(MEETINGS))
    assert result.skipped == imported.skipped
    assert result.created == synced[1]["conversations"] - 3


def test_changes_move_update_and_remove_conversations_and_their_ties(
    db: Database, cal_user: CalUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = cal_user.make_calendar("Work")
    cal_user.put_event(work, "lunch", event("lunch", "20260601T120000Z", extra="CATEGORIES:MEAL"))
    weekly = "RRULE:FREQ=WEEKLY;COUNT=3"
    cal_user.put_event(work, "weekly", event("weekly", "20260602T090000Z", extra=weekly))
    cal_user.put_event(work, "board", event("board", "20260603T090000Z", attendees=("c@x.com",)))
    caldav_source(db, cal_user, monkeypatch)
    (first,) = sync(db)
    assert (first.fetched, first.created, first.removed) == (3, 5, 0)
    weekly_ids = ["weekly/20260602T090000Z", "weekly/20260609T090000Z", "weekly/20260616T090000Z"]
    assert sorted(conversations(db)) == sorted(
        ["lunch/20260601T120000Z", "board/20260603T090000Z", *weekly_ids]
    )
    # one occurrence moved (RECURRENCE-ID keeps its id), one attendee dropped from "board",
    # the lunch deleted
    moved = calendar(
        vevent("weekly", "20260602T090000Z", extra=weekly),
        vevent("weekly", "20260610T150000Z", extra="RECURRENCE-ID:20260609T090000Z"),
    )
    cal_user.put_event(work, "weekly", moved)
    cal_user.put_event(
        work, "board", event("board", "20260603T090000Z", attendees=("c@x.com", "d@x.com"))
    )
    cal_user.delete_event(work, "lunch")
    (second,) = sync(db)
    assert second.error is None
    assert (second.fetched, second.removed) == (2, 1)
    found = conversations(db)
    assert "lunch/20260601T120000Z" not in found
    assert found["weekly/20260609T090000Z"][0].isoformat() == "2026-06-10T15:00:00+00:00"
    assert found["board/20260603T090000Z"][2] == (
        "email:ann@ourco.com", "email:c@x.com", "email:d@x.com",
    )  # fmt: skip
    before = ties(db)
    score_all(db)
    assert ties(db) == before  # the removed lunch's tie was re-scored with it
    # cancelling removes, and nothing changed means nothing fetched
    cal_user.put_event(work, "board", event("board", "20260603T090000Z", extra="STATUS:CANCELLED"))
    (third,) = sync(db)
    assert (third.fetched, third.removed, third.skipped) == (1, 1, {"cancelled event": 1})
    assert "board/20260603T090000Z" not in conversations(db)
    (fourth,) = sync(db)
    assert (fourth.fetched, fourth.created, fourth.updated, fourth.removed) == (0, 0, 0, 0)


def test_etag_comparison_gives_what_sync_tokens_give(
    db: Database, cal_user: CalUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = cal_user.make_calendar("Work")
    for n in range(4):
        cal_user.put_event(work, f"e{n}", event(f"e{n}", f"2026060{n + 1}T100000Z"))
    spec = caldav_source(db, cal_user, monkeypatch)

    def by_etag(source: SourceSpec) -> CalendarReader:
        return CalendarReader(source, use_sync_tokens=False)

    (first,) = sync(db, reader=by_etag)
    assert (first.fetched, first.created) == (4, 4)
    cal_user.delete_event(work, "e0")
    cal_user.put_event(work, "e1", event("e1", "20260602T100000Z", summary="Renamed"))
    (second,) = sync(db, reader=by_etag)
    assert (second.fetched, second.updated, second.removed) == (1, 1, 1)
    assert sorted(conversations(db)) == [f"e{n}/2026060{n + 1}T100000Z" for n in (1, 2, 3)]
    assert conversations(db)["e1/20260602T100000Z"][1] == "Renamed"
    assert spec.kind == "caldav"


def test_only_the_named_calendars_are_read_and_https_is_verified(
    db: Database, radicale_tls: Radicale, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = radicale_tls.add_user()
    work, private = user.make_calendar("Work"), user.make_calendar("Private")
    user.put_event(work, "w", event("w", "20260601T100000Z"))
    user.put_event(private, "p", event("p", "20260601T110000Z"))
    caldav_source(db, user, monkeypatch, calendars=("Work",))
    (result,) = sync(db)
    assert (result.error, result.fetched) == (None, 1)
    assert list(conversations(db)) == ["w/20260601T100000Z"]
    monkeypatch.setenv("CALPW", user.password)
    untrusted = make_spec(
        "untrusted", "caldav", radicale_tls.url, user=user.name, password_env="CALPW"
    )
    add_source(db, untrusted)
    (failed,) = sync(db, ["untrusted"])
    assert failed.exit_code == 10
    assert str(failed.error).startswith(f"source untrusted: {radicale_tls.url}: TLS failed")


def test_refused_credentials_and_a_stopped_server_are_errors_the_next_sync_recovers_from(
    db: Database, radicale: Radicale, cal_user: CalUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = cal_user.make_calendar("Work")
    cal_user.put_event(work, "e", event("e", "20260601T100000Z"))
    caldav_source(db, cal_user, monkeypatch)
    monkeypatch.setenv("CALPW", "not-the-password")
    (refused,) = sync(db)
    assert (refused.exit_code, refused.error) == (
        9, f"source calendar: {radicale.url}: the server refused the login of {cal_user.name}",
    )  # fmt: skip
    monkeypatch.setenv("CALPW", cal_user.password)
    radicale.stop()
    try:
        (down,) = sync(db)
    finally:
        radicale.start()
    assert down.exit_code == 10
    assert str(down.error).startswith(f"source calendar: {radicale.url}: cannot connect (")
    (recovered,) = sync(db)
    assert (recovered.error, recovered.fetched, recovered.created) == (None, 1, 1)


def test_a_recurring_event_is_read_again_once_the_horizon_has_moved(
    db: Database, cal_user: CalUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = cal_user.make_calendar("Work")
    cal_user.put_event(
        work, "weekly", event("weekly", "20260105T090000Z", extra="RRULE:FREQ=WEEKLY")
    )
    cal_user.put_event(work, "once", event("once", "20260106T090000Z"))
    caldav_source(db, cal_user, monkeypatch)
    horizon = default_horizon()
    (first,) = sync(db)
    weeks = (horizon - date(2026, 1, 5)).days // 7 + 1
    assert (first.fetched, first.created) == (2, weeks + 1)
    (same_day,) = sync(db)
    assert (same_day.fetched, same_day.created) == (0, 0)
    later = horizon + timedelta(days=28)
    monkeypatch.setattr(calendars, "default_horizon", lambda: later)
    (moved,) = sync(db)
    assert (moved.fetched, moved.created, moved.updated) == (1, 4, 0)
    expected = [date(2026, 1, 5) + timedelta(weeks=n) for n in range(weeks + 4)]
    found = sorted(
        d.date() for i, (d, _, _) in conversations(db).items() if i.startswith("weekly/")
    )
    assert found == expected
