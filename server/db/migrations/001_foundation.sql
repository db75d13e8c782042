-- Foundation: facts about this database, staff (advisors) and their weekly availability.
-- PostgreSQL 15 SQL only (the production minimum); PGlite runs the same file.

create table app_meta (
  key text primary key,
  value text not null,
  updated_at timestamptz not null default now()
);

create table staff_users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  display_name text not null,
  role text not null check (role in ('advisor', 'coordinator', 'admin')),
  -- Languages the advisor can serve in (BCP 47 codes of the locale registry, plus others).
  languages text[] not null default '{}',
  active boolean not null default true,
  -- Demo accounts exist only in demo data; the server refuses to start in production with one.
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
create unique index staff_users_email_key on staff_users (lower(email));

-- A weekly template: "every Tuesday 9–12, 60-minute slots, in person or by phone, in ar and en".
create table availability_templates (
  id uuid primary key default gen_random_uuid(),
  advisor_id uuid not null references staff_users (id) on delete cascade,
  weekday smallint not null check (weekday between 1 and 7), -- ISO: 1 = Monday
  start_time time not null,
  end_time time not null check (end_time > start_time),
  slot_minutes integer not null default 60 check (slot_minutes between 15 and 240),
  modes text[] not null check (modes <@ array['in_person', 'phone', 'video']::text[] and cardinality(modes) > 0),
  languages text[] not null check (cardinality(languages) > 0),
  valid_from date not null default current_date,
  valid_until date,
  created_at timestamptz not null default now()
);
create index availability_templates_advisor on availability_templates (advisor_id);
