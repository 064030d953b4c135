"""Login for every route of the dashboard, throttled, with security headers on every response."""

from __future__ import annotations

import time
from collections import defaultdict, deque
from html import escape
from urllib.parse import urlencode, urlsplit

from flask import Flask, Response, redirect, request, session

from graphx.users import User, UserStore

PUBLIC_PATHS = frozenset({"/login"})
MAX_FAILURES = 5
FAILURE_WINDOW_SECONDS = 300.0
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
        "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}

_LOGIN_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>graphx: sign in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f6f8;margin:0;
display:flex;align-items:center;justify-content:center;height:100vh;color:#1f2933}}
form{{background:#fff;padding:2.5rem;border-radius:10px;box-shadow:0 4px 24px rgba(0,0,0,.08);
width:20rem}}
h1{{font-size:1.4rem;margin:0 0 .3rem}} p{{color:#52606d;margin:0 0 1.5rem;font-size:.9rem}}
label{{display:block;font-size:.85rem;margin:.8rem 0 .3rem}}
input{{width:100%;box-sizing:border-box;padding:.6rem;border:1px solid #cbd2d9;border-radius:6px}}
button{{margin-top:1.4rem;width:100%;padding:.7rem;border:0;border-radius:6px;background:#1f4e79;
color:#fff;font-size:1rem;cursor:pointer}}
.error{{color:#b42318;font-size:.85rem;margin-top:1rem}}
</style></head><body>
<form method="post" action="/login">
<h1>graphx</h1><p>Who knows our clients, and how well.</p>
<input type="hidden" name="next" value="{next}">
<label for="username">Name</label>
<input id="username" name="username" autocomplete="username" autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button id="login-submit" type="submit">Sign in</button>
<div class="error" id="login-error">{error}</div>
</form></body></html>"""


def current_user(users: UserStore) -> User | None:
    """The signed-in user of this request, if any (and still known)."""
    name = session.get("user")
    return users.get(name) if isinstance(name, str) else None


def _safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (no open redirects)."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or urlsplit(target).netloc
    ):
        return "/"
    return target


class Throttle:
    """At most MAX_FAILURES failed logins per (name, address) in a sliding window."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def blocked(self, key: tuple[str, str]) -> bool:
        window = self._failures[key]
        while window and time.monotonic() - window[0] > FAILURE_WINDOW_SECONDS:
            window.popleft()
        return len(window) >= MAX_FAILURES

    def fail(self, key: tuple[str, str]) -> None:
        self._failures[key].append(time.monotonic())

    def clear(self, key: tuple[str, str]) -> None:
        self._failures.pop(key, None)


def install_login(server: Flask, users: UserStore) -> None:
    """Require a signed-in user on every route but /login; add security headers everywhere."""
    throttle = Throttle()

    def login_page(error: str = "", status: int = 200) -> Response:
        page = _LOGIN_PAGE.format(next=escape(_safe_next(request.values.get("next"))), error=error)
        return Response(page, status=status, mimetype="text/html")

    @server.before_request
    def require_login() -> Response | None:
        if request.path in PUBLIC_PATHS or current_user(users) is not None:
            return None
        if request.path.startswith("/_dash-") or request.method != "GET":
            return Response('{"error": "login required"}', 401, mimetype="application/json")
        return redirect("/login?" + urlencode({"next": request.full_path.rstrip("?")}))  # type: ignore[return-value]

    @server.route("/login", methods=["GET", "POST"])
    def login() -> Response:
        if request.method == "GET":
            return login_page()
        name = request.form.get("username", "")
        key = (name, request.remote_addr or "")
        if throttle.blocked(key):
            return login_page("Too many attempts: wait a few minutes.", 429)
        user = users.authenticate(name, request.form.get("password", ""))
        if user is None:
            throttle.fail(key)
            return login_page("Wrong name or password.", 401)
        throttle.clear(key)
        session.clear()
        session["user"] = user.name
        return redirect(_safe_next(request.form.get("next")))  # type: ignore[return-value]

    @server.route("/logout")
    def logout() -> Response:
        session.clear()
        return redirect("/login")  # type: ignore[return-value]

    @server.after_request
    def add_headers(response: Response) -> Response:
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response
