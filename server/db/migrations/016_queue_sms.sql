-- A walk-in ticket followed by text message (opt-in): the person's mobile number and the language
-- of the messages, kept only while the ticket is open. The transaction that closes the ticket
-- (served, no-show, left, closed at the day's end) deletes the row; the housekeeping worker's
-- sweep deletes any a closed ticket left behind. Never in the reports, which read queue_tickets.
create table queue_ticket_sms (
  ticket_id uuid primary key references queue_tickets (id) on delete cascade,
  phone text not null,
  locale text not null,
  created_at timestamptz not null,
  -- Set once, by an update that requires it to be null, in the transaction that queues the
  -- message: exactly one "turn near" and one "called" message per ticket, whatever the instances.
  near_sent_at timestamptz,
  called_sent_at timestamptz
);

-- The queue's messages refer to their ticket.
alter table outbox add column ticket_id uuid references queue_tickets (id) on delete cascade;
