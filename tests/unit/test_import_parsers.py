from __future__ import annotations

from datetime import UTC, datetime
from email.message import Message
from pathlib import Path

import pytest

from graphx.importers.canonical import Keys
from graphx.importers.files import RawFile
from graphx.importers.mail import encounter, mbox_headers, message_id
from graphx.importers.resolve import name_from_address, parent_domains
from graphx.importers.rows import normalise_address, parse_datetime, split_multi

MBOX = Path(__file__).parents[1] / "data" / "mail" / "sample.mbox"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024-03-01T10:00:00", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        ("2024-03-01T10:00:00+02:00", datetime(2024, 3, 1, 8, tzinfo=UTC)),
        ("2024-03-01T10:00:00Z", datetime(2024, 3, 1, 10, tzinfo=UTC)),
        (" 2024-03-01 10:00 ", datetime(2024, 3, 1, 10, tzinfo=UTC)),
    ],
)
def test_iso_dates_and_date_times_become_utc(text: str, expected: datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", ["01/03/2024", "2024-02-30", "yesterday", ""])
def test_anything_else_is_not_a_date(text: str) -> None:
    with pytest.raises(ValueError, match="not an ISO 8601 date or date-time"):
        parse_datetime(text)


def test_addresses_are_trimmed_and_lower_cased_and_checked() -> None:
    assert normalise_address("  Ann@Graphx.Example ") == "ann@graphx.example"
    for bad in ("ann", "ann@", "@x.com", "ann@localhost", "a b@x.com"):
        with pytest.raises(ValueError, match="not an e-mail address"):
            normalise_address(bad)


def test_multi_values_split_at_semicolons_and_drop_empties() -> None:
    assert split_multi(" golf; sailing ;;art ") == ["golf", "sailing", "art"]
    assert split_multi(["golf", " "]) == ["golf"]
    assert split_multi(None) == []


def test_message_ids_are_normalised_or_hashed_stably() -> None:
    message = Message()
    message["Message-ID"] = " <abc@x.example>\n "
    assert message_id(message) == "<abc@x.example>"
    bare = Message()
    bare["From"] = "a@x.example"
    bare["Subject"] = "Hi"
    assert message_id(bare) == message_id(bare)
    assert message_id(bare).startswith("mail:")


def test_an_mbox_is_split_at_from_lines_and_bodies_are_never_kept() -> None:
    messages = list(mbox_headers(MBOX))
    assert [line for line, _ in messages] == [1, 13, 23, 31, 40, 48]
    assert not [h for _, h in messages if b"BODYTOKEN" in h]


def test_mail_with_many_recipients_is_bulk() -> None:
    message = Message()
    message["From"] = "a@x.example"
    message["To"] = ", ".join(f"p{i}@y.example" for i in range(5))
    message["Date"] = "Mon, 04 Mar 2024 10:00:00 +0000"
    found = encounter(message, "eml", bulk_recipients=5)
    assert not isinstance(found, str)
    assert found.props["depth"] == "outside"
    assert encounter(message, "eml", bulk_recipients=6).props["depth"] == "business"  # type: ignore[union-attr]


def test_names_and_domains_come_from_the_address() -> None:
    assert name_from_address("mary-jane.o_neil@x.example") == "Mary Jane O Neil"
    assert parent_domains("a.b.example") == ["a.b.example", "b.example"]


def test_keys_tell_which_keys_repeat_and_which_references_are_among_them() -> None:
    keys = Keys()
    keys.add(["c1", "c2", "c1"])
    keys.add([("c1", "ann"), ("c1", "ann"), ("c1", "bob")])
    assert keys.freeze() == {hash("c1"), hash(("c1", "ann"))}
    assert keys.has(["c2", "c3", ("c1", "bob"), ("bob", "c1")]) == [True, False, True, False]
    assert keys.has([]) == []


def test_no_keys_hold_no_reference() -> None:
    keys = Keys()
    assert keys.freeze() == set()
    assert keys.has(["c1", "c2"]) == [False, False]


def test_a_canonical_file_is_read_again_from_the_start_with_fresh_problems(
    tmp_path: Path,
) -> None:
    path = tmp_path / "participants.csv"
    path.write_text("conversation_id,person_id,role\nc1,ann,organizer\n\nc1,bob\nc1,bob,x\n")
    raw = RawFile(path, "participants")
    rows = raw.rows()
    assert next(rows) == (2, {"conversation_id": "c1", "person_id": "ann", "role": "organizer"})
    assert raw.rows_read == 1
    assert [line for line, _ in rows] == [5]
    assert raw.problems == ["participants.csv:4: row: has 2 fields, the header has 3"]
    assert [line for line, _ in raw.rows()] == [2, 5]
    assert (raw.rows_read, len(raw.problems)) == (2, 1)


def test_blank_rows_are_skipped_but_a_row_with_only_its_first_cell_empty_is_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "participants.csv"
    path.write_text(
        'conversation_id,person_id,role\n\n , ,\n,ann,organizer\n"",""," "\nc2,bob,attendee\n'
    )
    raw = RawFile(path, "participants")
    assert list(raw.rows()) == [
        (4, {"conversation_id": "", "person_id": "ann", "role": "organizer"}),
        (6, {"conversation_id": "c2", "person_id": "bob", "role": "attendee"}),
    ]
    assert raw.problems == [] and raw.read_whole


def test_an_ignored_unknown_column_is_left_out_of_the_fields(tmp_path: Path) -> None:
    path = tmp_path / "participants.csv"
    path.write_text("conversation_id,shoe_size,person_id,role\nc1,44,ann,organizer\n")
    raw = RawFile(path, "participants", ignore_unknown_columns=True)
    assert list(raw.rows()) == [
        (2, {"conversation_id": "c1", "person_id": "ann", "role": "organizer"})
    ]
