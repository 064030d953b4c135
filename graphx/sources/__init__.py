"""Live sources: mailboxes over IMAP and calendars over CalDAV, synced incrementally.

``spec`` says what a source is and checks its address (TLS unless ``--insecure`` to a
loopback host); ``registry`` keeps sources, bookmarks and items in Neo4j; ``mailbox`` and
``calendars`` read what changed since a bookmark as ``Step`` s (``steps``); ``sync`` writes
each step through the importers' resolver, with its bookmark, in one transaction; ``watch``
keeps them up by itself under ``graphx serve``.
"""
