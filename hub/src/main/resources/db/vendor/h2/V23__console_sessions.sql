-- The console's sessions, in the database Spring Session's JDBC repository reads and writes (its table layout): a
-- person signed in on one node's console is signed in on every node's, and stays signed in across a restart. The
-- attributes are the serialised session (security context, CSRF token, a pending OpenID Connect sign-in).
create table spring_session (
    primary_id            char(36)     not null primary key,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval integer      not null,
    expiry_time           bigint       not null,
    principal_name        varchar(512)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    varbinary(1048576) not null,
    primary key (session_primary_id, attribute_name),
    foreign key (session_primary_id) references spring_session (primary_id) on delete cascade
);
