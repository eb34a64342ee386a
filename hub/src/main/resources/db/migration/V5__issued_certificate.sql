-- Every certificate the hub's CA has issued (demo keystores at start, CSR onboarding, the server's own), so
-- officers can see who holds what, revoke one, and be warned before one expires. The serial is the
-- certificate's serial number in lower-case hexadecimal. A row is never deleted: a revoked certificate stays
-- listed (and in the CRL) for as long as it would otherwise have been valid.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
create table issued_certificate (
    serial            varchar(64)   primary key,
    subject           varchar(512)  not null,
    ods_code          varchar(16),
    kind              varchar(16)   not null,
    not_before        timestamp with time zone not null,
    not_after         timestamp with time zone not null,
    issued_at         timestamp with time zone not null,
    status            varchar(16)   not null,
    revoked_at        timestamp with time zone,
    revocation_reason varchar(32),
    revoked_by        varchar(512),
    pem               varchar(8000) not null
);
create index issued_certificate_ods on issued_certificate (ods_code);
create index issued_certificate_not_after on issued_certificate (not_after);
