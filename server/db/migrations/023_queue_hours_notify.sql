-- A service point's hours (the walk-in schedule and the extra openings) are kept in each app
-- process for taking tickets (server/services/queue-openings.ts `createQueueHours`). Any change
-- to them tells every process at commit, as the free times do (migration 018): a trigger, so no
-- write path is missed, and one notification per statement, not per row.
create function queue_hours_changed() returns trigger language plpgsql as $$
begin
  perform pg_notify('ihl_queue_hours', '');
  return null;
end
$$;

create trigger walk_in_schedule_queue_hours after insert or update or delete or truncate on walk_in_schedule
  for each statement execute function queue_hours_changed();
create trigger queue_openings_queue_hours after insert or update or delete or truncate on queue_openings
  for each statement execute function queue_hours_changed();
