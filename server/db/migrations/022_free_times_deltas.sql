-- A booking changes one slot, not the whole horizon: its trigger now says which slot was taken
-- ('+<advisor id>.<epoch ms>', with '@<epoch ms>' the deadline of an unconfirmed hold, migration
-- 021) or freed ('-…'), so every process's kept free times follow with a map operation instead of
-- computing the horizon again (server/services/free-times-cache.ts). Availability, exceptions and
-- advisors still send '' (compute again). The payload holds ids and times only, no personal data.
-- NOTIFY is still delivered at commit, in commit order.
create function free_times_booking_changed() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') and old.status = 'active' then
    perform pg_notify('ihl_free_times', '-' || old.advisor_id || '.' || (extract(epoch from old.starts_at) * 1000)::bigint);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status = 'active' then
    perform pg_notify('ihl_free_times', '+' || new.advisor_id || '.' || (extract(epoch from new.starts_at) * 1000)::bigint
      || coalesce('@' || (extract(epoch from new.hold_until) * 1000)::bigint, ''));
  end if;
  return null;
end
$$;

drop trigger bookings_free_times on bookings;
drop trigger bookings_free_times_update on bookings;
create trigger bookings_free_times after insert or delete on bookings
  for each row execute function free_times_booking_changed();
-- A confirmation (the hold's deadline cleared) changes a taken slot's deadline too.
create trigger bookings_free_times_update after update on bookings
  for each row when (old.status is distinct from new.status or old.starts_at is distinct from new.starts_at
                     or old.advisor_id is distinct from new.advisor_id or old.hold_until is distinct from new.hold_until)
  execute function free_times_booking_changed();
