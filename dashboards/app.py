"""``create_app``: the Dash app, its login, header and page container; pages live in pages/."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Dash, Input, Output, State, dcc, html

from dashboards.answers import Warmer
from dashboards.auth import current_user, install_login
from dashboards.cache import SharedResults
from dashboards.context import as_of
from graphx.config import Settings
from graphx.db import Database, is_unavailable, ping
from graphx.errors import GraphxError
from graphx.users import UserStore

PAGES = Path(__file__).parent / "pages"


@dataclass(frozen=True)
class NavLink:
    """A header link to a page, as the page registered it: ``dash.register_page(..., nav=label,
    order=n)``, plus ``admin_only=True`` for a page only administrators see the link of."""

    label: str
    href: str
    order: int
    admin_only: bool
    module: str

    @property
    def id(self) -> str | None:
        """``nav-<module>`` for an administrators' link (a callback shows it), else None."""
        return (
            f"nav-{self.module.rsplit('.', 1)[-1].replace('_', '-')}" if self.admin_only else None
        )


def nav_links(registry: Mapping[str, Mapping[str, Any]] | None = None) -> list[NavLink]:
    """The header's links, by ``order``: the registered pages (``dash.page_registry``) that
    declare a ``nav`` label; the others (the 404 page) get none."""
    pages = dash.page_registry if registry is None else registry
    links = [
        NavLink(
            label=str(page["nav"]),
            href=str(page["path"]),
            order=int(page["order"]),
            admin_only=bool(page.get("admin_only", False)),
            module=str(page["module"]),
        )
        for page in pages.values()
        if page.get("nav")
    ]
    return sorted(links, key=lambda link: (link.order, link.module))


def session_secret(settings: Settings) -> str:
    """GRAPHX_SECRET_KEY, else a random key kept (mode 0600) under GRAPHX_HOME."""
    if settings.secret_key:
        return settings.secret_key
    path = settings.home / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return path.read_text().strip()


DB_BANNER = "The database is not answering; retrying…"
HEALTH_SECONDS = 5


def callback_error(error: Exception) -> None:
    """No 500 for expected failures: Neo4j unreachable shows the banner; a GraphxError (a
    name not found in a hand-made request) leaves the outputs as they are. Others propagate."""
    if is_unavailable(error):
        dash.set_props("db-banner", {"hidden": False})
        return
    if isinstance(error, GraphxError):
        logging.getLogger(__name__).info("callback refused: %s", error)
        return
    raise error


def _nav_link(link: NavLink) -> dcc.Link:
    if link.id is None:
        return dcc.Link(link.label, href=link.href, className="gx-nav-link")
    return dcc.Link(  # hidden until show_admin_links knows who is signed in
        link.label, href=link.href, id=link.id, className="gx-nav-link", style={"display": "none"}
    )


def header() -> html.Header:
    return html.Header(
        className="gx-header",
        children=[
            html.A("graphx", href="/", className="gx-brand"),
            html.Nav([_nav_link(link) for link in nav_links()], className="gx-nav"),
            html.Div(
                className="gx-header-right",
                children=[
                    html.Label("as of", htmlFor="header-as-of", className="gx-asof-label"),
                    dcc.DatePickerSingle(
                        id="header-as-of", display_format="YYYY-MM-DD", clearable=True
                    ),
                    html.A("Sign out", href="/logout", className="gx-logout"),
                ],
            ),
        ],
    )


def create_app(
    db: Database,
    users: UserStore,
    secret_key: str,
    *,
    secure_cookie: bool = False,
    warm_every: float | None = None,
) -> Dash:
    """A fresh app over ``db``; every route needs a user of ``users``.

    ``secure_cookie`` marks the session cookie Secure (sent over HTTPS only). With
    ``warm_every`` (seconds), a ``Warmer`` polling that often computes the most asked answers
    ahead of their first visitor (``graphx serve`` starts one; tests need not).
    """
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PAGES),
        title="graphx",
        update_title=None,  # type: ignore[arg-type]  # None turns "Updating..." off
        serve_locally=True,
        on_error=callback_error,
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    server = app.server
    server.config.update(
        SECRET_KEY=secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=secure_cookie,
        SESSION_COOKIE_SAMESITE="Lax",
        GRAPHX_DB=db,
        GRAPHX_USERS=users,
        GRAPHX_SHARED=SharedResults(),
    )
    install_login(server, users)
    if warm_every is not None:
        server.config["GRAPHX_WARMER"] = Warmer(server, warm_every).start()
    app.layout = html.Div(
        [
            dcc.Location(id="url", refresh="callback-nav"),
            dcc.Location(id="url-state", refresh=False),
            header(),
            html.Div(DB_BANNER, id="db-banner", role="alert", className="gx-banner", hidden=True),
            dcc.Interval(id="db-health", interval=HEALTH_SECONDS * 1000),
            html.Main(dash.page_container, className="gx-main"),
        ]
    )

    @app.callback(Output("db-banner", "hidden"), Input("db-health", "n_intervals"))
    def check_database(_: int | None) -> bool:
        return ping(db)

    @app.callback(
        Output("header-as-of", "date"),
        Input("url", "search"),
    )
    def show_as_of(search: str | None) -> str:
        """The date the page answers for: the address's ``as_of``, else today."""
        return as_of(dict(parse_qsl((search or "").lstrip("?"))).get("as_of")).isoformat()

    @app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("header-as-of", "date"),
        State("url-state", "search"),
        prevent_initial_call=True,
    )
    def apply_as_of(picked: str | None, search: str | None) -> str:
        params = dict(parse_qsl((search or "").lstrip("?")))
        day = picked[:10] if picked and picked[:10] != date.today().isoformat() else None
        if day == params.get("as_of"):  # today is the default: the address needs no date
            raise dash.exceptions.PreventUpdate
        params.pop("as_of", None)
        if day:
            params["as_of"] = day
        return f"?{urlencode(params)}" if params else ""

    admin_links = [link.id for link in nav_links() if link.id is not None]
    if admin_links:

        @app.callback([Output(id_, "style") for id_ in admin_links], Input("url", "pathname"))
        def show_admin_links(_: str | None) -> list[dict[str, str]]:
            """Pages for administrators (the Sources panel): only they see their links."""
            user = current_user(users)
            shown = user is not None and user.role == "admin"
            return [{} if shown else {"display": "none"} for _ in admin_links]

    return app
