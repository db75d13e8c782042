-- The walk-in desk's schedule, edited by coordinators in the workspace; one row, read at run time
-- by the public walk-in page's island and (later) the queue.
create table walk_in_schedule (
  id smallint primary key default 1 check (id = 1),
  schedule jsonb not null,
  updated_at timestamptz not null default now(),
  updated_by uuid references staff_users (id) on delete set null
);
