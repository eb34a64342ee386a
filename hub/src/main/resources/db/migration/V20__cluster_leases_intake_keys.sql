-- Leases of the singleton jobs (ShedLock's JDBC provider, database time): a job runs on the node holding its row's
-- lease, until lock_until if that node dies in it.
create table shedlock (
    name           varchar(64)   not null primary key,
    lock_until     timestamp(3)  not null,
    locked_at      timestamp(3)  not null,
    locked_by      varchar(255)  not null
);

-- Every message accepted, by the hub's id for it (derived from sender and MessageHeader.id): a message sent again,
-- to any node and however long after, is answered as the first time and not queued again. The broker's duplicate
-- detection still covers the moment between queueing a message and recording its key here.
create table intake_message_key (
    hub_message_id varchar(64)   not null primary key,
    sender         varchar(16)   not null,
    accepted_at    timestamp with time zone not null
);
create index intake_message_key_accepted on intake_message_key (accepted_at);
