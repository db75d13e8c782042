-- Attendance per session, marked by trainers and advisors; the certificate counts it.
create table attendance (
  enrolment_id uuid not null references enrolments (id) on delete cascade,
  session_id uuid not null references course_sessions (id) on delete cascade,
  present boolean not null,
  marked_by uuid references staff_users (id) on delete set null,
  marked_at timestamptz not null default now(),
  primary key (enrolment_id, session_id)
);
