"""A kind of occasion that suits a director's interests: the recommendation starts from
what the director cares about, not from what suits us.

>>> occasion_for(("opera", "golf"), ())
'an evening at the opera'
>>> occasion_for(("opera", "golf"), ("golf",))
'a golf day'
>>> occasion_for((), ()), occasion_for(("origami",), ())
('a one-to-one lunch', 'an occasion around origami')
"""

from __future__ import annotations

from collections.abc import Sequence

OCCASIONS: dict[str, str] = {
    "golf": "a golf day",
    "sailing": "a day's sailing",
    "art": "a private view at a gallery",
    "opera": "an evening at the opera",
    "wine": "a wine-tasting dinner",
    "cycling": "a cycling tour",
    "tennis": "a day at a tennis tournament",
    "football": "a football match in a box",
    "theatre": "an evening at the theatre",
    "running": "a morning run and breakfast",
    "skiing": "a ski weekend",
    "history": "a guided visit to a historic site",
    "architecture": "an architecture walk",
    "classical music": "a concert evening",
    "jazz": "a jazz evening",
    "hiking": "a day's hike",
    "photography": "a photography exhibition",
    "cooking": "a chef's-table dinner",
    "rugby": "a rugby match",
    "horse riding": "a day at the races",
    "literature": "an author's talk and dinner",
    "chess": "a chess evening",
    "fishing": "a fishing trip",
}
NO_INTERESTS = "a one-to-one lunch"


def occasion_for(interests: Sequence[str], shared: Sequence[str] = ()) -> str:
    """The occasion for a director: around an interest the colleague shares if any, else the
    director's first interest, else a one-to-one lunch."""
    for interest in (*sorted(shared), *interests):
        word = interest.strip().lower()
        if word:
            return OCCASIONS.get(word, f"an occasion around {word}")
    return NO_INTERESTS
