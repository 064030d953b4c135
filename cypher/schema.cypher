// The graph's constraints and indexes; every statement is idempotent.
// organisation_name: users name an organisation by its exact name (coverage, gaps).
// params: none
CREATE CONSTRAINT organisation_id IF NOT EXISTS FOR (o:Organisation) REQUIRE o.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT email_address IF NOT EXISTS FOR (e:Email) REQUIRE e.address IS UNIQUE;
CREATE CONSTRAINT domain_name IF NOT EXISTS FOR (d:Domain) REQUIRE d.name IS UNIQUE;
CREATE CONSTRAINT tie_store_id IF NOT EXISTS FOR (s:TieStore) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT source_name IF NOT EXISTS FOR (s:Source) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT source_cursor_id IF NOT EXISTS FOR (c:SourceCursor) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT source_item_id IF NOT EXISTS FOR (i:SourceItem) REQUIRE i.id IS UNIQUE;
CREATE CONSTRAINT intro_request_id IF NOT EXISTS FOR (r:IntroRequest) REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT sequence_name IF NOT EXISTS FOR (s:Sequence) REQUIRE s.name IS UNIQUE;
CREATE CONSTRAINT digest_week IF NOT EXISTS FOR (d:Digest) REQUIRE d.week IS UNIQUE;
CREATE INDEX organisation_kind IF NOT EXISTS FOR (o:Organisation) ON (o.kind);
CREATE INDEX organisation_name IF NOT EXISTS FOR (o:Organisation) ON (o.name);
CREATE INDEX person_level IF NOT EXISTS FOR (p:Person) ON (p.level);
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
CREATE INDEX conversation_date IF NOT EXISTS FOR (c:Conversation) ON (c.date);
CREATE FULLTEXT INDEX person_search IF NOT EXISTS FOR (p:Person) ON EACH [p.name];
