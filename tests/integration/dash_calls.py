"""Drive Dash callbacks over HTTP as the browser does: the callback map and its POST bodies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse


def _target(spec: str) -> dict[str, str]:
    component, prop = spec.rsplit(".", 1)
    return {"id": component, "property": prop}


def outputs_of(callback: dict[str, Any]) -> list[dict[str, str]] | dict[str, str]:
    """The ``outputs`` field of a request for ``callback`` (a list for multi-output ones)."""
    text = callback["output"]
    if text.startswith("..") and text.endswith(".."):
        return [_target(part.split("@")[0]) for part in text[2:-2].split("...")]
    return _target(text.split("@")[0])


def server_callbacks(client: FlaskClient) -> Iterator[dict[str, Any]]:
    """Every server-side callback with plain string ids, from ``/_dash-dependencies``."""
    for callback in client.get("/_dash-dependencies").get_json():
        if callback.get("clientside_function"):
            continue
        ids = [i["id"] for i in callback["inputs"] + callback["state"]]
        if all(isinstance(i, str) for i in ids) and "{" not in callback["output"]:
            yield callback


def call(
    client: FlaskClient, callback: dict[str, Any], values: dict[str, Any] | None = None
) -> TestResponse:
    """POST one callback; ``values`` maps ``"id.property"`` to a value (others None)."""
    values = values or {}

    def item(dep: dict[str, str]) -> dict[str, Any]:
        key = f"{dep['id']}.{dep['property']}"
        return {**dep, "value": values.get(key)}

    body = {
        "output": callback["output"],
        "outputs": outputs_of(callback),
        "inputs": [item(d) for d in callback["inputs"]],
        "state": [item(d) for d in callback["state"]],
        "changedPropIds": [f"{d['id']}.{d['property']}" for d in callback["inputs"][:1]],
    }
    return client.post("/_dash-update-component", json=body)


def find(client: FlaskClient, output: str) -> dict[str, Any]:
    """The callback whose output is ``output`` (e.g. ``"relationship-content.children"``)."""
    for callback in server_callbacks(client):
        if callback["output"].split("@")[0] == output or output in callback["output"]:
            return callback
    raise AssertionError(f"no callback writes {output}")
