-- An emergency override is reviewed once per message, recipient and resource type: a dispatch redelivered after a
-- failure decides again and must not open the same review a second time. Of reviews opened twice before this
-- migration one row stays: a closed one (with the officer's note) before an open one, then the first opened.
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
delete from override_review
where exists (select 1 from override_review kept
              where kept.message_id = override_review.message_id
                and kept.recipient_ods = override_review.recipient_ods
                and kept.resource_type = override_review.resource_type
                and kept.id <> override_review.id
                and ((kept.status = 'CLOSED' and override_review.status <> 'CLOSED')
                     or (kept.status = override_review.status and kept.id < override_review.id)));
create unique index override_review_once on override_review (message_id, recipient_ods, resource_type);
