"""Addresses of views, so that every page links to another the same way."""

from __future__ import annotations

from urllib.parse import urlencode


def relationship_href(a: str, b: str | None, as_of: str | None) -> str:
    """The relationship page of ``a`` and ``b`` (just ``a`` when None), as of ``as_of`` when
    the page answers for a chosen date."""
    query = {"a": a, **({"b": b} if b else {}), **({"as_of": as_of} if as_of else {})}
    return "/relationship?" + urlencode(query)
