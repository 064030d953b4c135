"""Sources (admins only): each live mailbox and calendar, its last sync, counts and error."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, dcc, html

from dashboards import context
from dashboards.components.grid import column, csv_export, grid
from graphx.sources.registry import SourceStatus, all_sources

REFRESH_SECONDS = 15
dash.register_page(
    __name__, path="/sources", title="graphx: sources", nav="Sources", order=9, admin_only=True
)


def layout(**_query: str) -> html.Div:
    viewer = context.signed_in()
    if viewer is None or viewer.role != "admin":
        return html.Div(
            [html.H1("Sources"), html.P("Only administrators see the live sources.")],
            className="gx-card",
        )
    return html.Div(
        [
            html.Div(
                [
                    html.H1("Sources"),
                    html.P(
                        [
                            "The mailboxes and calendars graphx syncs by itself: when each last"
                            " synced, what it brought and the last error. Add and remove them"
                            " with ",
                            html.Code("graphx source add|remove"),
                            ".",
                        ],
                        className="gx-lead",
                    ),
                ],
                className="gx-card",
            ),
            dcc.Interval(id="sources-refresh", interval=REFRESH_SECONDS * 1000),
            html.Div(_table(all_sources(context.database())), id="sources-content"),
        ]
    )


@callback(Output("sources-content", "children"), Input("sources-refresh", "n_intervals"))
def refresh(_: int | None) -> html.Div:
    if context.user().role != "admin":
        raise context.Forbidden("sources are for administrators")
    return _table(all_sources(context.database()))


def _row(status: SourceStatus) -> dict[str, Any]:
    spec, counts = status.spec, status.last_counts
    return {
        "name": spec.name,
        "kind": spec.kind,
        "address": f"{spec.user} at {spec.url}",
        "folders": ", ".join(spec.folders) or "all calendars",
        "last_sync": status.last_sync_at.strftime("%Y-%m-%d %H:%M")
        if status.last_sync_at
        else "never",
        "result": status.last_result or "not yet synced",
        "fetched": counts.get("fetched", 0),
        "created": counts.get("conversations_created", 0),
        "updated": counts.get("conversations_updated", 0),
        "removed": counts.get("conversations_removed", 0),
        "items_seen": status.items_seen,
        "error": status.last_error or "",
    }


def _table(found: list[SourceStatus]) -> html.Div:
    if not found:
        return html.Div(
            html.P("No sources yet: add one with `graphx source add NAME --imap ...`."),
            className="gx-card",
        )
    failing = [s for s in found if s.last_result == "error"]
    summary: list[Any] = (
        [html.P(f"{len(failing)} of {len(found)} sources failed their last sync:")]
        + [html.P(str(s.last_error)) for s in failing]
        if failing
        else [html.P(f"All {len(found)} sources synced without error.")]
    )
    return html.Div(
        [
            html.Div(summary, className="gx-banner" if failing else "gx-lead", role="status"),
            grid(
                "sources-grid",
                [_row(s) for s in found],
                [
                    column("name", "Source"),
                    column("result", "Result"),
                    column("last_sync", "Last sync"),
                    column("created", "New", numeric=True),
                    column("updated", "Changed", numeric=True),
                    column("removed", "Removed", numeric=True),
                    column("fetched", "Fetched", numeric=True),
                    column("items_seen", "Items seen", numeric=True),
                    column("kind", "Kind"),
                    column("address", "Account"),
                    column("folders", "Folders"),
                    column("error", "Last error"),
                ],
            ),
        ],
        className="gx-card",
    )


csv_export("sources-grid")
