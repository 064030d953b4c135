"""Ties: how well two people know each other, as of any date.

``model`` is the formula and its settings, ``vectorised`` the same formula over millions of
pairs with numpy, ``store`` writes the ties that carry weight to Neo4j (full and after an
import), ``view`` answers "the ties of these people as of this date" from the store and the
conversations. ``docs/depth.md`` explains the model and what is stored.
"""
