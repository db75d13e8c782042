-- One clock: every instant the application writes comes from its injected clock (Deps.now), never
-- from the database's own. A default of now() or current_date would mix the two (the outbox's
-- next_attempt_at took the database's date while the worker compared it with the application's),
-- so no column has one; tests/api/foundation.test.ts reads the schema and fails on any.
alter table schema_migrations alter column applied_at drop default;
alter table app_meta alter column updated_at drop default;
alter table staff_users alter column created_at drop default;
alter table availability_templates alter column valid_from drop default;
alter table availability_templates alter column created_at drop default;
alter table bookings alter column created_at drop default;
alter table bookings alter column updated_at drop default;
alter table outbox alter column next_attempt_at drop default;
alter table outbox alter column created_at drop default;
alter table audit_log alter column at drop default;
alter table walk_in_schedule alter column updated_at drop default;
alter table availability_exceptions alter column created_at drop default;
alter table course_groups alter column created_at drop default;
alter table enrolments alter column created_at drop default;
alter table attendance alter column marked_at drop default;
alter table queue_openings alter column created_at drop default;
alter table partners alter column created_at drop default;
alter table partner_api_keys alter column created_at drop default;

-- The queue's order of service is the ticket sequence, not queued_at (a timestamp from whichever
-- instance took the ticket): index what the queries now order by.
drop index queue_tickets_waiting;
create index queue_tickets_waiting on queue_tickets (service_point, seq) where status = 'waiting';
