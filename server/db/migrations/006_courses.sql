-- Society-orientation and other course groups, their sessions, and enrolments with a waitlist.

create table course_groups (
  id uuid primary key default gen_random_uuid(),
  -- The course's content entry (content/courses/<locale>/<slug>.md once the catalogue content lands).
  course_slug text not null,
  language text not null,
  format text not null check (format in ('in_person', 'online', 'hybrid')),
  place text,
  capacity integer not null default 20 check (capacity > 0),
  -- Kept by the trigger below; the check makes overbooking impossible whatever writes the rows.
  enrolled_count integer not null default 0,
  enrol_opens date not null,
  enrol_closes date not null,
  status text not null default 'open' check (status in ('open', 'cancelled')),
  created_at timestamptz not null default now(),
  check (enrolled_count >= 0 and enrolled_count <= capacity),
  check (enrol_closes >= enrol_opens)
);

create table course_sessions (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references course_groups (id) on delete cascade,
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at)
);
create index course_sessions_group on course_sessions (group_id, starts_at);

create sequence enrolment_arrival;

create table enrolments (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references course_groups (id) on delete cascade,
  reference text not null unique,
  manage_token_hash text not null unique,
  -- Arrival order, taken while the group's row is locked, so it is also the order seats were given.
  arrival bigint not null unique,
  status text not null check (status in ('enrolled', 'waitlisted', 'cancelled')),
  client_name text not null check (length(client_name) between 1 and 120),
  client_phone text,
  client_email text,
  check (client_phone is not null or client_email is not null),
  contact_language text not null,
  consent_version text not null,
  created_at timestamptz not null default now(),
  promoted_at timestamptz,
  cancelled_at timestamptz
);
create index enrolments_waitlist on enrolments (group_id, arrival) where status = 'waitlisted';

create function enrolments_count() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status = 'enrolled' then
    update course_groups set enrolled_count = enrolled_count - 1 where id = old.group_id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status = 'enrolled' then
    update course_groups set enrolled_count = enrolled_count + 1 where id = new.group_id;
  end if;
  return null;
end
$$;
create trigger enrolments_count after insert or update of status or delete on enrolments
  for each row execute function enrolments_count();

alter table outbox add column enrolment_id uuid references enrolments (id) on delete cascade;
alter table outbox alter column booking_id drop not null;
