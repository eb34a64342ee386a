-- The audit's idempotency key is a digest (random), and its unique index took each row to a random page of its own: a
-- message's six decisions touched six index pages, and every commit rewrites each page it touched (H2 writes a page
-- whole; profiled, the audit's index pages were most of what the dispatch writer serialised). Every key is derived from
-- its message (a decision's from the message id, a receipt's from the delivery id, itself from the message), so keys
-- are unique per message exactly when they are unique at all: one index on (message_id, decision_key) keeps a message's
-- rows together, backs the idempotency checks (which name the message) and serves every lookup by message, so the
-- message index goes too. Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
create unique index audit_decision_message_key on audit_decision (message_id, decision_key);
drop index audit_decision_key;
drop index audit_decision_message;
