-- Free times are cached in each app process (server/services/free-times-cache.ts). Anything that
-- changes them tells every process at commit: NOTIFY is delivered only when the transaction
-- commits, and identical notifications in one transaction are sent once. A trigger, not a call in
-- each service, so no write path (a worker, the retention job, a seed, a manual fix) is missed and
-- no write pays an extra round trip. Never one row that every booking updates.
create function free_times_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('ihl_free_times', '');
  return null;
end
$$;

create trigger bookings_free_times after insert or delete on bookings
  for each row execute function free_times_changed();
create trigger bookings_free_times_update after update on bookings
  for each row when (old.status is distinct from new.status or old.starts_at is distinct from new.starts_at
                     or old.advisor_id is distinct from new.advisor_id)
  execute function free_times_changed();
create trigger availability_templates_free_times after insert or update or delete on availability_templates
  for each row execute function free_times_changed();
create trigger availability_exceptions_free_times after insert or update or delete on availability_exceptions
  for each row execute function free_times_changed();
create trigger staff_users_free_times after update on staff_users
  for each row when (old.active is distinct from new.active) execute function free_times_changed();
