-- Referrals from partners and contact requests from employers: one inbox, one workflow
-- (new → assigned → contacted → closed with an outcome), a due date for the first contact
-- (3 working days) and, for employers, a follow-up task 3 weeks after the contact.

create table partners (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 2 and 200),
  org_kind text not null check (org_kind in ('kela', 'wellbeing', 'employment', 'school', 'ngo', 'other')),
  created_at timestamptz not null default now()
);

-- A partner system's key: only its SHA-256 is stored; the prefix lets people tell keys apart.
create table partner_api_keys (
  id uuid primary key default gen_random_uuid(),
  partner_id uuid not null references partners (id) on delete cascade,
  prefix text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  created_by uuid references staff_users (id) on delete set null,
  revoked_at timestamptz,
  last_used_at timestamptz
);

create table requests (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('referral', 'employer')),
  reference text not null unique,
  source text not null check (source in ('form', 'api')),
  partner_id uuid references partners (id) on delete set null,
  status text not null default 'new' check (status in ('new', 'assigned', 'contacted', 'closed')),
  assigned_to uuid references staff_users (id) on delete set null,
  received_at timestamptz not null,
  due_at timestamptz not null,
  contacted_at timestamptz,
  closed_at timestamptz,
  outcome text check (outcome in ('assessment_booked', 'sent_to_walk_in', 'recruitment_support', 'course_enrolled', 'not_reachable', 'declined', 'other')),
  check ((status = 'closed') = (outcome is not null and closed_at is not null)),
  -- Facts without personal data, kept after anonymisation for the reports.
  language text,
  categories text[] not null default '{}',
  org_kind text,
  org_name text,
  sector text,
  positions integer,
  interpreter_needed boolean,
  consent_version text,
  check (kind <> 'referral' or consent_version is not null),
  locale text not null default 'fi',
  -- Personal data (names, contacts, free text): removed when the retention period ends.
  personal jsonb,
  anonymised_at timestamptz,
  check ((personal is null) = (anonymised_at is not null))
);
create index requests_open on requests (due_at) where status <> 'closed';
create index requests_closed on requests (closed_at) where status = 'closed' and anonymised_at is null;

create table request_tasks (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references requests (id) on delete cascade,
  kind text not null check (kind in ('follow_up')),
  due_at timestamptz not null,
  done_at timestamptz,
  done_by uuid references staff_users (id) on delete set null
);
create unique index request_tasks_one_follow_up on request_tasks (request_id) where kind = 'follow_up';

alter table outbox add column request_id uuid references requests (id) on delete cascade;
