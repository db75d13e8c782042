-- Integration-plan assessment bookings, and the outbox of messages about them.

create table bookings (
  id uuid primary key default gen_random_uuid(),
  -- Short, readable over the phone (no 0/O, 1/I/L): "K7M-4QX".
  reference text not null unique,
  -- SHA-256 of the manage link's token; the token itself is never stored.
  manage_token_hash text not null unique,
  advisor_id uuid not null references staff_users (id),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  mode text not null check (mode in ('in_person', 'phone', 'video')),
  service_language text not null,
  status text not null default 'active' check (status in ('active', 'cancelled', 'attended', 'no_show')),
  client_name text not null check (length(client_name) between 1 and 120),
  client_phone text check (length(client_phone) <= 20),
  client_email text check (length(client_email) <= 254),
  check (client_phone is not null or client_email is not null),
  contact_language text not null,
  interpreter_language text,
  access_needs text check (length(access_needs) <= 300),
  reason text check (length(reason) <= 500),
  meeting_link text,
  -- One active booking per person: keyed on name together with a contact (hashes, see server/domain/person.ts).
  person_key_phone text,
  person_key_email text,
  -- For reports: when it was made and the earliest free time offered at that moment.
  created_at timestamptz not null default now(),
  earliest_offered_at timestamptz,
  updated_at timestamptz not null default now(),
  cancelled_at timestamptz,
  cancelled_by text check (cancelled_by in ('client', 'staff')),
  -- RFC 5545: the calendar UID stays, SEQUENCE grows with every change.
  ics_sequence integer not null default 0,
  reminder_sent_at timestamptz
);

-- The database itself guarantees that one advisor's slot has at most one active booking.
create unique index bookings_one_active_per_slot on bookings (advisor_id, starts_at) where status = 'active';
create unique index bookings_one_active_per_person_phone on bookings (person_key_phone) where status = 'active' and person_key_phone is not null;
create unique index bookings_one_active_per_person_email on bookings (person_key_email) where status = 'active' and person_key_email is not null;
create index bookings_starts_at on bookings (starts_at) where status = 'active';

-- Messages to send, written in the same transaction as the change they tell about.
-- The text is rendered when sent, from the booking, so no copy of personal data sits here.
create table outbox (
  id bigint generated always as identity primary key,
  kind text not null,
  booking_id uuid references bookings (id) on delete cascade,
  channel text not null check (channel in ('email', 'sms')),
  locale text not null,
  -- Kind-specific data that is not personal (the ICS method, the old time for a change).
  data jsonb not null default '{}',
  status text not null default 'pending' check (status in ('pending', 'sending', 'sent', 'failed')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index outbox_due on outbox (next_attempt_at) where status in ('pending', 'sending');
