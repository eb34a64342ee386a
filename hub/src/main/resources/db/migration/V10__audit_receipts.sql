-- Receipt by the recipient (IHE BALP PrivacyDisclosure.Recipient): the audit records the moment a recipient actually
-- has a delivery (read or acknowledged on the REST mailbox, answered ok to a push, acknowledged by a response
-- message), as kind RECEIPT in the same hash chain. A receipt names the delivery it is about; it covers every
-- resource type and agreement clause of that delivery, so those columns widen to hold the comma-separated lists.
-- Rows written before this migration have no delivery id and are hashed exactly as before.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
alter table audit_decision add column delivery_id varchar(64);
alter table audit_decision alter column resource_type set data type varchar(512);
alter table audit_decision alter column agreement_ref set data type varchar(2000);
create index audit_decision_delivery on audit_decision (delivery_id);
