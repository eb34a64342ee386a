-- Each agreement's pseudonym secrets (HMAC-SHA256 keys), newest current; retired keys stay for re-identification.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
create table pseudonym_key (
    agreement_id  varchar(255)  not null,
    key_id        varchar(16)   not null,
    secret        varchar(128)  not null,
    created_at    timestamp with time zone not null,
    retired_at    timestamp with time zone,
    primary key (agreement_id, key_id)
);
