-- The audit rows that are accesses to a patient's shared record (an MDT member's console view or break-glass, a
-- participant's query decision), listed by sequence number and time as the audit log appends them. Access monitoring
-- reads a window and a 7-day baseline every few minutes: through the audit's time index that was every decision of the
-- window (profiled under load: 7.7% of the hub's CPU, growing with the audit); through this list it is the accesses
-- only. The rows themselves stay in the hash chain; this table only says which to read. Portable SQL.
create table audit_access (
    seq          bigint primary key,
    recorded_at  timestamp with time zone not null
);
create index audit_access_time on audit_access (recorded_at);

insert into audit_access (seq, recorded_at)
select seq, recorded_at from audit_decision
where seq is not null
  and ((event_kind = 'ADMIN' and action_name in ('mdt.view', 'mdt.break-glass'))
    or (event_kind = 'DISPATCH' and message_id like 'query-%'));
