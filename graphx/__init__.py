"""graphx: who at the company knows each client director, and how well."""

__version__ = "0.1.0"
