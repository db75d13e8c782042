-- Anti-automation on the public writes (README "Security"; the limits in server/domain/limits.ts).

-- "One contact holds at most N active bookings and enrolments": counted by the stored contact
-- (E.164 phone, lower-case email), so these partial indexes keep the count cheap.
create index bookings_active_phone on bookings (client_phone) where status = 'active' and client_phone is not null;
create index bookings_active_email on bookings (client_email) where status = 'active' and client_email is not null;
create index enrolments_active_phone on enrolments (client_phone)
  where status in ('enrolled', 'waitlisted') and client_phone is not null;
create index enrolments_active_email on enrolments (client_email)
  where status in ('enrolled', 'waitlisted') and client_email is not null;

-- Walk-in kiosks a coordinator paired: the kiosk sends its key (X-Kiosk-Key) and counts on its
-- own budget instead of its address's. Only the key's SHA-256 is stored; a revoked key is ignored.
create table kiosk_keys (
  id uuid primary key default gen_random_uuid(),
  label text not null check (length(label) between 1 and 80),
  key_hash text not null unique,
  created_at timestamptz not null,
  created_by uuid references staff_users (id) on delete set null,
  revoked_at timestamptz
);

-- SMS sent per Helsinki day, counted by the sender before each send (SMS_DAILY_CAP).
create table sms_daily (
  day date primary key,
  sent integer not null check (sent >= 0)
);
