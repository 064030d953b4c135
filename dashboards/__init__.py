"""The graphx dashboard (Dash Pages)."""
