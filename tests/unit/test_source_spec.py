"""What a live source may be: TLS unless --insecure to loopback, no secret in the address."""

from __future__ import annotations

import pytest

from graphx.errors import ConfigError
from graphx.sources.spec import make_spec
from graphx.sources.watch import parse_interval


def test_an_imap_address_gives_its_user_and_the_inbox_by_default() -> None:
    spec = make_spec("ann", "imap", "imaps://ann@mail.ourco.com:10993/", user=None,
                     password_env="ANN_PW")  # fmt: skip
    assert (spec.url, spec.user, spec.folders, spec.tls, spec.port) == (
        "imaps://mail.ourco.com:10993", "ann", ("INBOX",), True, 10993,
    )  # fmt: skip
    assert "ann@" not in spec.url
    assert spec.row()["password_env"] == "ANN_PW"


def test_plain_imap_means_starttls_and_plain_http_is_refused_without_insecure() -> None:
    assert not make_spec("a", "imap", "imap://mail.ourco.com", user="a", password_env="P").tls
    with pytest.raises(ConfigError, match=r"http:// sends the password in clear"):
        make_spec("c", "caldav", "http://dav.ourco.com/", user="c", password_env="P")
    local = make_spec("c", "caldav", "http://127.0.0.1:5232/", user="c", password_env="P",
                      insecure=True)  # fmt: skip
    assert local.insecure and not local.tls


@pytest.mark.parametrize(
    ("name", "kind", "url", "user", "variable", "insecure", "problem"),
    [
        ("bad name!", "imap", "imaps://h", "u", "P", False, "name 'bad name!'"),
        ("a", "imap", "https://h", "u", "P", False, "not a imaps:// (or imap://) address"),
        ("a", "imap", "imaps://u:secret@h", None, "P", False, "must not hold a password"),
        ("a", "imap", "imap://mail.example.com", "u", "P", True, "only allowed to a loopback"),
        ("a", "caldav", "https://h/", None, "P", False, "no account"),
        ("a", "caldav", "https://h/", "u", "not a variable", False, "--password-env must name"),
    ],
)
def test_each_bad_definition_is_refused_naming_the_problem(
    name: str, kind: str, url: str, user: str | None, variable: str, insecure: bool,
    problem: str,
) -> None:  # fmt: skip
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        make_spec(name, kind, url, user=user, password_env=variable, insecure=insecure)  # type: ignore[arg-type]


def test_the_password_comes_only_from_the_named_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = make_spec("a", "imap", "imaps://h", user="u", password_env="GRAPHX_TEST_PW")
    monkeypatch.delenv("GRAPHX_TEST_PW", raising=False)
    with pytest.raises(ConfigError, match=r"GRAPHX_TEST_PW .* is not set"):
        spec.password()
    monkeypatch.setenv("GRAPHX_TEST_PW", "s3cret")
    assert spec.password() == "s3cret"
    assert "s3cret" not in repr(spec.row())


def test_intervals_read_as_seconds() -> None:
    assert [parse_interval(t) for t in ("30s", "5m", "1h", "45")] == [30, 300, 3600, 45]
    for bad in ("", "5 minutes", "0m", "-1s"):
        with pytest.raises(ConfigError, match="not an interval"):
            parse_interval(bad)
