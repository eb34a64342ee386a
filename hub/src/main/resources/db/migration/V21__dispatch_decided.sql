-- What dispatch decided for each message, written in the transaction of the message's records, relationships and
-- audit: a message the broker delivers again after that transaction committed (kill -9 before the JMS commit, a send
-- the broker refused) is delivered as decided then, not decided again, whatever its batch-mates or later messages
-- committed since. The plan is the release per permitted recipient and resource type (no record content), or the stale
-- records' refusal. Purged with the intake keys (hub.intake.key-retention). Portable SQL: H2 and PostgreSQL.
create table dispatch_decided (
    hub_message_id varchar(64)    not null primary key,
    decided_at     timestamp with time zone not null,
    plan           varchar(100000) not null
);
create index dispatch_decided_at on dispatch_decided (decided_at);
