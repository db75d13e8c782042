-- The walk-in queue. Tickets hold no personal data: a number, a topic and a language, and for a
-- checked-in appointment the booking it belongs to. They are kept after the day for the reports
-- (waiting and service times by language and topic).
create table queue_tickets (
  id uuid primary key default gen_random_uuid(),
  -- Breaks ties between tickets taken in the same instant: first come, first served.
  seq bigint generated always as identity,
  service_point text not null,
  -- The Helsinki date the ticket belongs to; numbers restart every day.
  service_day date not null,
  code text not null,
  topic text not null check (topic in ('general', 'digital', 'permits', 'work', 'studies', 'family', 'appointment')),
  language text not null check (length(language) between 2 and 8),
  channel text not null check (channel in ('kiosk', 'phone')),
  -- SHA-256 of the ticket page's token; the token itself is never stored.
  token_hash text not null unique,
  booking_id uuid references bookings (id) on delete set null,
  -- A checked-in appointment waits for this advisor.
  advisor_id uuid references staff_users (id) on delete set null,
  -- Transferred to this desk: only it calls the ticket.
  desk text,
  status text not null default 'waiting' check (status in ('waiting', 'called', 'served', 'no_show', 'left', 'closed')),
  created_at timestamptz not null,
  -- The order of service; a transfer keeps it, so a transferred person does not start again.
  queued_at timestamptz not null,
  first_called_at timestamptz,
  called_at timestamptz,
  -- The desk it was last called to (kept after service, for the display's recent calls).
  called_desk text,
  called_by uuid references staff_users (id) on delete set null,
  call_count integer not null default 0,
  interpreter_needed boolean not null default false,
  ended_at timestamptz,
  check (status <> 'called' or called_desk is not null),
  unique (service_point, service_day, code)
);
create index queue_tickets_waiting on queue_tickets (service_point, queued_at, seq) where status = 'waiting';
create index queue_tickets_day on queue_tickets (service_point, service_day);
create index queue_tickets_served on queue_tickets (topic, language, ended_at) where status = 'served';
-- One called ticket per desk at a time: the database, not the code, guarantees it.
create unique index queue_one_call_per_desk on queue_tickets (service_point, called_desk) where status = 'called';
-- One check-in per booking.
create unique index queue_one_ticket_per_booking on queue_tickets (booking_id) where booking_id is not null;

-- Per service point, day and topic letter: the last number given. Incremented with an upsert,
-- which is atomic on both engines, so two kiosks never print the same number.
create table queue_counters (
  service_point text not null,
  service_day date not null,
  prefix text not null,
  last_number integer not null,
  primary key (service_point, service_day, prefix)
);

-- An advisor at a desk, with the languages they serve today.
create table queue_desks (
  id uuid primary key default gen_random_uuid(),
  service_point text not null,
  desk text not null,
  staff_id uuid not null references staff_users (id) on delete cascade,
  languages text[] not null check (cardinality(languages) > 0),
  paused boolean not null default false,
  started_at timestamptz not null,
  ended_at timestamptz
);
create unique index queue_desks_one_person_per_desk on queue_desks (service_point, desk) where ended_at is null;
create unique index queue_desks_one_desk_per_person on queue_desks (staff_id) where ended_at is null;

-- Extra openings staff add for a day (an event, a late session): the queue takes tickets then too.
create table queue_openings (
  id uuid primary key default gen_random_uuid(),
  service_point text not null,
  opens_at timestamptz not null,
  closes_at timestamptz not null check (closes_at > opens_at),
  created_by uuid references staff_users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index queue_openings_point on queue_openings (service_point, closes_at);
