-- Local admin API accounts for the embedded default (production uses OpenID Connect). The password hash is
-- Argon2id with its own random salt, in Spring Security's encoded form. Roles: comma-separated codes
-- (ig-officer, operator, mdt-member); mdt: the ODS code of an MDT member's team. Portable SQL (H2 and PostgreSQL).
create table user_account (
    username        varchar(64)  not null primary key,
    password_hash   varchar(255) not null,
    roles           varchar(128) not null,
    mdt             varchar(12),
    enabled         boolean      not null,
    failed_sign_ins integer      not null,
    locked_until    timestamp with time zone,
    created_at      timestamp with time zone not null,
    created_by      varchar(255) not null,
    updated_at      timestamp with time zone not null
);
