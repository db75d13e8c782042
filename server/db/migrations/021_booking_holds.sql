-- Holds (README "Security" → "Scripts that rotate addresses and contacts"; server/domain/holds.ts):
-- a public booking from a contact that has not confirmed before holds its time until `hold_until`,
-- unless confirmed with the 6-digit code or the link sent to that contact. An active booking with
-- `hold_until` set is unconfirmed; past it the time counts as free and the housekeeping worker
-- marks it 'expired'. Only hashes of the code and the link are kept; both go when confirmed.
alter table bookings
  add column hold_until timestamptz,
  add column hold_code_hash text,
  add column hold_link_hash text,
  add column hold_attempts integer not null default 0 check (hold_attempts >= 0);
alter table bookings drop constraint bookings_status_check;
alter table bookings add constraint bookings_status_check
  check (status in ('active', 'cancelled', 'attended', 'no_show', 'expired'));
create index bookings_holds on bookings (hold_until) where status = 'active' and hold_until is not null;

-- Contacts that confirmed a hold once: trusted, their bookings are confirmed at once. Only a keyed
-- hash (HMAC with DATA_ENCRYPTION_KEY) of the normalised contact (E.164 phone, lower-case email),
-- never the contact; deleted TRUST_DAYS after `confirmed_at` by the housekeeping worker.
create table trusted_contacts (
  contact_hash text primary key,
  confirmed_at timestamptz not null
);
create index trusted_contacts_confirmed_at on trusted_contacts (confirmed_at);

-- The same hold on a course seat or a waitlist place: an enrolment from a contact not trusted yet
-- keeps its place until `hold_until`; past it the place counts as free (a freed seat goes to the
-- first person waiting, as for a cancellation) and the housekeeping worker marks it 'expired'.
alter table enrolments
  add column hold_until timestamptz,
  add column hold_code_hash text,
  add column hold_link_hash text,
  add column hold_attempts integer not null default 0 check (hold_attempts >= 0);
alter table enrolments drop constraint enrolments_status_check;
alter table enrolments add constraint enrolments_status_check
  check (status in ('enrolled', 'waitlisted', 'cancelled', 'expired'));
create index enrolments_holds on enrolments (hold_until)
  where status in ('enrolled', 'waitlisted') and hold_until is not null;
