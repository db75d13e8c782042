-- Reports: anonymous satisfaction answers, and statistical rows kept when retention deletes records.

-- No link to any booking, ticket or person, and only the month it was given, so an answer cannot
-- be matched to a visit. The booking or ticket only remembers that it was asked and answered.
create table feedback (
  id bigint generated always as identity primary key,
  context text not null check (context in ('booking', 'walk_in')),
  score smallint not null check (score between 1 and 5),
  comment text check (length(comment) <= 500),
  language text not null,
  month date not null check (extract(day from month) = 1)
);
create index feedback_month on feedback (month);
alter table bookings add column feedback_given boolean not null default false;
alter table queue_tickets add column feedback_given boolean not null default false;

-- One row per booking deleted by retention: what the reports count, nothing about the person.
create table booking_facts (
  id bigint generated always as identity primary key,
  starts_month date not null,
  created_month date not null,
  language text not null,
  status text not null,
  days_to_first_free double precision
);
create index booking_facts_month on booking_facts (starts_month);

-- One row per enrolment deleted by retention (the group itself stays).
create table enrolment_facts (
  id bigint generated always as identity primary key,
  group_id uuid not null references course_groups (id) on delete cascade,
  status text not null,
  attended boolean not null
);

-- Reports read these by period.
create index bookings_created on bookings (created_at);
create index bookings_starts on bookings (starts_at);
create index booking_facts_created on booking_facts (created_month);
create index queue_tickets_service_day on queue_tickets (service_day);
create index requests_received on requests (received_at);
