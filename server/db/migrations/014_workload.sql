-- Workload (services per advisor-month): a pseudonym per advisor, kept by the statistical rows
-- that retention leaves, so that per-advisor figures survive the deletion of the records. The key
-- is random (not a hash of anything: nothing to reverse); the link to the person goes when the
-- staff account does, and the key then names nobody.
create table advisor_keys (
  key uuid primary key default gen_random_uuid(),
  staff_id uuid unique references staff_users (id) on delete set null
);
alter table booking_facts add column advisor_key uuid references advisor_keys (key);
alter table queue_ticket_facts add column advisor_key uuid references advisor_keys (key);
