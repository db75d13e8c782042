-- One-off changes to an advisor's week: an absence (the whole day, or some hours) or extra hours.
create table availability_exceptions (
  id uuid primary key default gen_random_uuid(),
  advisor_id uuid not null references staff_users (id) on delete cascade,
  date date not null,
  kind text not null check (kind in ('absence', 'extra')),
  start_time time,
  end_time time,
  slot_minutes integer not null default 60 check (slot_minutes between 15 and 240),
  modes text[] not null default '{}',
  languages text[] not null default '{}',
  created_at timestamptz not null default now(),
  -- An absence without hours is the whole day; extra hours always have them, and modes and languages.
  check ((start_time is null) = (end_time is null)),
  check (end_time is null or end_time > start_time),
  check (kind = 'absence' or (start_time is not null and cardinality(modes) > 0 and cardinality(languages) > 0))
);
create index availability_exceptions_advisor_date on availability_exceptions (advisor_id, date);
