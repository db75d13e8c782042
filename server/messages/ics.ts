/**
 * The booking as an RFC 5545 calendar file. The UID is the booking's id and stays the same
 * through changes; SEQUENCE grows with every change (bookings.ics_sequence); a cancellation is
 * METHOD:CANCEL with STATUS:CANCELLED, so calendar programs remove the event.
 */
import { createEvent } from 'ics';

export interface IcsInput {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  title: string;
  location: string;
  description: string;
  cancelled: boolean;
  url?: string;
}

const utc = (d: Date): [number, number, number, number, number] => [
  d.getUTCFullYear(),
  d.getUTCMonth() + 1,
  d.getUTCDate(),
  d.getUTCHours(),
  d.getUTCMinutes(),
];

export function bookingIcs(input: IcsInput): string {
  const { error, value } = createEvent({
    uid: `${input.uid}@international-house-lahti`,
    sequence: input.sequence,
    method: input.cancelled ? 'CANCEL' : 'REQUEST',
    productId: 'international-house-lahti/booking',
    start: utc(input.start),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utc(input.end),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: input.title,
    location: input.location,
    description: input.description,
    status: input.cancelled ? 'CANCELLED' : 'CONFIRMED',
    ...(input.url ? { url: input.url } : {}),
  });
  if (error || !value) throw error ?? new Error('could not build the calendar file');
  return value;
}
