"""The only modules that run queries (docs/architecture.md).

``repository/<concept>.py`` runs the queries of ``cypher/<concept>/`` and turns their rows
into the nouns of ``graphx.model`` (or small typed records of its own); the analytics above
take a ``Database`` only to hand it down here, and never name a query.
"""
