-- H2 only: an identity column draws from a sequence whose cached values (32 by default) are flushed, when used up,
-- by a commit of their own, which on MVStore writes a whole chunk. Dispatch appends six audit rows and a history row
-- a message, so that was a full store every few messages (a fifth of the dispatch writer's time, profiled). A cache
-- of 1,000 keeps ids in insertion order (H2's cache is one per database); a crash may leave a gap, which nothing
-- minds: the audit chain has its own sequence numbers.
alter table audit_decision alter column id set cache 1000;
alter table override_review alter column id set cache 1000;
alter table agreement_event alter column id set cache 1000;
alter table delivery_event alter column id set cache 1000;
alter table audit_checkpoint alter column id set cache 1000;
alter table shared_record_history alter column seq set cache 1000;
