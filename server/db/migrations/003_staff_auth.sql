-- Staff sign-in (ASVS L2), sessions, rate limits, the audit log, and the workspace's booking fields.

alter table staff_users
  add column password_hash text,
  add column totp_secret text,
  add column totp_enabled boolean not null default false,
  add column deactivated_at timestamptz,
  add column ui_locale text not null default 'fi' check (ui_locale in ('fi', 'sv', 'en'));

-- Server-side sessions: the cookie carries a random id, the table only its hash.
create table staff_sessions (
  id_hash text primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null
);
create index staff_sessions_user on staff_sessions (user_id);

-- Counters for rate limits, in the database so limits hold across instances. Keys are hashes
-- (of an account id or of an IP address with its window), purged after a day.
create table rate_limits (
  bucket text not null,
  key_hash text not null,
  window_start timestamptz not null,
  count integer not null default 0,
  primary key (bucket, key_hash, window_start)
);

create table password_resets (
  token_hash text primary key,
  user_id uuid not null references staff_users (id) on delete cascade,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- Who saw or changed which record, when. Append-only: the retention job is the only deletion,
-- and it must say so in its own transaction (set local ihl.retention = 'on').
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid,
  actor_role text,
  action text not null,
  record_type text not null,
  record_id text,
  detail jsonb not null default '{}'
);
create index audit_log_at on audit_log (at);
create index audit_log_record on audit_log (record_type, record_id);
create index audit_log_actor on audit_log (actor_id, at);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('ihl.retention', true) = 'on' then
    return old;
  end if;
  raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();

alter table bookings
  add column interpreter_status text not null default 'not_needed'
    check (interpreter_status in ('not_needed', 'needed', 'ordered', 'confirmed')),
  add column staff_notes text check (length(staff_notes) <= 1000);
update bookings set interpreter_status = 'needed' where interpreter_language is not null;
