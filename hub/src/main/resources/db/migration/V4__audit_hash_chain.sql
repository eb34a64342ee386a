-- The audit becomes a hash chain: each decision row commits to its sequence number, its content and the
-- hash of the row before it. The head row is locked by every writer, so the chain has one order.
alter table audit_decision add column seq bigint;
alter table audit_decision add column prev_hash varchar(64);
alter table audit_decision add column row_hash varchar(64);
create unique index audit_decision_seq on audit_decision (seq);

create table audit_chain_head (
    id         integer      primary key,
    last_seq   bigint       not null,
    last_hash  varchar(64)  not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
