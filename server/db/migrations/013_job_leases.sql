-- Periodic jobs (reminders, purge, queue closing, retention) run on every instance's timer; a
-- lease per job lets one instance at a time do the work. `until` is written from the holder's
-- clock, so instances must keep their clocks synchronised (README "Time").
create table job_leases (
  job text primary key,
  holder text not null,
  until timestamptz not null
);
