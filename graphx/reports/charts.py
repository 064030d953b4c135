"""The report's charts as static SVG, drawn directly: the same markup in the HTML and the
PDF, no browser needed to render them, and byte-for-byte deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from graphx.palette import LEVEL_COLOURS, LEVEL_TEXT

LEVEL_NAMES = ("none", "met", "business", "personal", "trusted")
_FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        f' width="{width}" height="{height}" role="img" aria-label="{escape(title)}" {_FONT}>'
        + "".join(body)
        + "</svg>"
    )


def _text(
    x: float, y: float, text: str, size: int = 11, anchor: str = "start", **extra: str
) -> str:
    attrs = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{attrs}>'
        f"{escape(text)}</text>"
    )


def coverage_lines(
    quarters: Sequence[str],
    portfolio: Sequence[float | None],
    clients: Sequence[tuple[str, Sequence[float | None]]],
) -> str:
    """Coverage per quarter, 0-100%, as small multiples: the portfolio, then each client in
    a panel of its own with its latest value written at the end of its line (lines that
    coincide, as clients at 0% do, never hide each other)."""
    series = [("Portfolio", portfolio), *clients]
    columns, panel_w, panel_h, gap = 3, 210, 96, 16
    plot_w, plot_h, left, top = 150, 56, 34, 20
    rows = -(-len(series) // columns)
    width, height = columns * (panel_w + gap), rows * (panel_h + gap)
    step = plot_w / max(1, len(quarters) - 1)
    body: list[str] = []
    for n, (name, values) in enumerate(series):
        ox = (n % columns) * (panel_w + gap) + left
        oy = (n // columns) * (panel_h + gap) + top
        short = name if len(name) <= 30 else name[:29] + "…"
        body.append(_text(ox - left, oy - 8, short, 10, font_weight="bold", fill="#222222"))
        for pct in (0, 50, 100):
            y = oy + plot_h * (1 - pct / 100)
            body.append(
                f'<line x1="{ox}" y1="{y:.1f}" x2="{ox + plot_w}" y2="{y:.1f}"'
                ' stroke="#dddddd" stroke-width="1"/>'
            )
            body.append(_text(ox - 4, y + 3, f"{pct}%", 8, "end", fill="#555555"))
        for i in (0, len(quarters) - 1):
            body.append(_text(ox + i * step, oy + plot_h + 12, quarters[i], 8, "middle",
                              fill="#555555"))  # fmt: skip
        points = [
            (ox + i * step, oy + plot_h * (1 - v)) for i, v in enumerate(values) if v is not None
        ]
        colour = LEVEL_COLOURS[4] if n == 0 else LEVEL_COLOURS[3]
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            body.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"'
                ' stroke-linejoin="round"/>'
            )
        for x, y in points:
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.2" fill="{colour}"/>')
        latest = [v for v in values if v is not None]
        if points and latest:
            x, y = points[-1]
            body.append(_text(x + 5, y + 3, f"{round(100 * latest[-1])}%", 9, fill="#222222"))
    return _svg(width, height, body, "Coverage per quarter")


def level_bars(now: Sequence[int], before: Sequence[int], now_label: str, before_label: str) -> str:
    """Client directors by best level (0-4), this quarter beside the previous one."""
    width, height, left, top, plot_w, plot_h = 680, 230, 44, 24, 600, 160
    peak = max([*now, *before, 1])
    body: list[str] = []
    group = plot_w / 5
    bar = group * 0.32
    for i in range(5):
        x0 = left + i * group + group * 0.16
        for j, (values, opacity) in enumerate(((before, "0.45"), (now, "1"))):
            h = plot_h * values[i] / peak
            x = x0 + j * (bar + 4)
            y = top + plot_h - h
            body.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}"'
                f' fill="{LEVEL_COLOURS[i]}" fill-opacity="{opacity}" stroke="#666666"'
                ' stroke-width="0.6"/>'
            )
            body.append(_text(x + bar / 2, y - 4, str(values[i]), 10, "middle"))
        body.append(
            _text(left + i * group + group / 2, top + plot_h + 16, f"{i} {LEVEL_NAMES[i]}", 11,
                  "middle")
        )  # fmt: skip
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}"'
        ' stroke="#888888"/>'
    )
    body.append(
        _text(left, height - 8, f"left bar (pale): {before_label}; right bar: {now_label}", 10,
              fill="#555555")
    )  # fmt: skip
    return _svg(width, height, body, "Client directors by best level")


def heatmap(rows: Sequence[tuple[str, Sequence[tuple[str, int]]]], columns: int = 10) -> str:
    """The most exposed clients (rows) and their directors (cells, top directors first),
    coloured by the best level any colleague has with them."""
    label_w, cell_w, cell_h, top = 190, 58, 24, 8
    width = label_w + cell_w * columns + 10
    height = top + cell_h * max(1, len(rows)) + 40
    body: list[str] = []
    for r, (client, cells) in enumerate(rows):
        y = top + r * cell_h
        short = client if len(client) <= 28 else client[:27] + "…"
        body.append(_text(label_w - 8, y + cell_h / 2 + 4, short, 10, "end"))
        for c, (name, level) in enumerate(cells[:columns]):
            x = label_w + c * cell_w
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}"'
                f' fill="{LEVEL_COLOURS[level]}">'
                f"<title>{escape(name)}: level {level}</title></rect>"
            )
            body.append(
                _text(x + (cell_w - 2) / 2, y + cell_h / 2 + 3, _initials(name), 8, "middle",
                      fill=LEVEL_TEXT[level])
            )  # fmt: skip
        if len(cells) > columns:
            body.append(_text(label_w + columns * cell_w + 2, y + cell_h / 2 + 4, "…", 11))
    y = top + cell_h * max(1, len(rows)) + 14
    for level in range(5):
        x = label_w + level * 100
        body.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{LEVEL_COLOURS[level]}"/>')
        body.append(_text(x + 18, y + 11, f"{level} {LEVEL_NAMES[level]}", 10))
    return _svg(width, height, body, "Most exposed clients")


def _initials(name: str) -> str:
    """A short cell label: the first name's initial and the last name, cut to fit.

    >>> _initials("Nina van Berg"), _initials("Madonna"), _initials("Alexandra Papadopoulos")
    ('N. Berg', 'Madonna', 'A. Papado…')
    """
    parts = name.split()
    short = name if len(parts) < 2 else f"{parts[0][0]}. {parts[-1]}"
    return short if len(short) <= 10 else short[:9] + "…"
