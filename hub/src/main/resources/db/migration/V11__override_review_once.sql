-- An emergency override is reviewed once per message, recipient and resource type: a dispatch redelivered after a
-- failure decides again and must not open the same review a second time. Reviews opened twice before this
-- migration keep their first row (the later copies were never a review of anything else).
-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
delete from override_review
where exists (select 1 from override_review earlier
              where earlier.message_id = override_review.message_id
                and earlier.recipient_ods = override_review.recipient_ods
                and earlier.resource_type = override_review.resource_type
                and earlier.id < override_review.id);
create unique index override_review_once on override_review (message_id, recipient_ods, resource_type);
