-- The reviewer's conclusion on an emergency override: JUSTIFIED or NOT_JUSTIFIED, beside the note that explains it.
-- Reviews closed before this migration have none (their note says what the officer concluded).
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
alter table override_review add column review_outcome varchar(16);
