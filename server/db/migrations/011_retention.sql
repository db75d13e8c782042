-- Queue tickets deleted by retention leave this row behind for the walk-in reports.
create table queue_ticket_facts (
  id bigint generated always as identity primary key,
  service_day date not null,
  language text not null,
  topic text not null,
  status text not null,
  wait_minutes double precision
);
create index queue_ticket_facts_day on queue_ticket_facts (service_day);
