-- PostgreSQL keeps its identity sequences as they are. Its sequence cache is per session, so a cache would hand
-- each connection its own range and ids would no longer follow insertion order across connections (the audit
-- search, lifecycle and delivery histories order by id); an uncached nextval is cheap there. Kept so that both
-- databases are at the same schema version.
select 1;
