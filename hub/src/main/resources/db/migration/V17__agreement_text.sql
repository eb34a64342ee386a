-- The text of every agreement revision the hub has loaded, by its fingerprint (the one the REVISED lifecycle event
-- records), so an IG officer can see what changed between versions after the file itself has moved on.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
create table agreement_text (
    fingerprint   varchar(128)    primary key,
    agreement_id  varchar(64)     not null,
    file_text     varchar(200000) not null,
    loaded_at     timestamp with time zone not null
);
create index agreement_text_agreement on agreement_text (agreement_id);
