"""The one visual code of the five levels and of organisation kinds: the pages, the report
(HTML and PDF) and the Excel export all draw with these.

The levels run light to dark on one hue (ColorBrewer's sequential Blues), so their order
reads in greyscale and to colour-blind readers; every use writes the level's name as well.
Text on each fill keeps a WCAG AA contrast of at least 4.5:1.
"""

from __future__ import annotations

LEVEL_COLOURS: dict[int, str] = {
    0: "#e4e7eb",  # none
    1: "#c6dbef",  # met
    2: "#6baed6",  # business
    3: "#2171b5",  # personal
    4: "#08306b",  # trusted
}
LEVEL_TEXT: dict[int, str] = {0: "#3e4c59", 1: "#1f2933", 2: "#102a43", 3: "#ffffff", 4: "#ffffff"}
"""Text colour on each level's fill."""

KIND_COLOURS: dict[str, str] = {
    "home": "#e8a33d",
    "client": "#2171b5",
    "prospect": "#8e6bbf",
    "partner": "#2a9d8f",
    "other": "#9aa5b1",
}
"""Organisation kinds (the explorer's nodes)."""
