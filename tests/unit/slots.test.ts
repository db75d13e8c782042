/**
 * Slot generation across the DST changes (2026-03-29, 2026-10-25, 2027-03-28), on holidays, with
 * the minimum notice and the horizon.
 */
import { describe, expect, test } from 'vitest';
import { addWorkingDays, finnishHolidays } from '../../src/domain/calendar.ts';
import {
  choosable,
  choosableSlots,
  generateSlots,
  parseSlotId,
  scanStart,
  slotId,
  type AvailabilityTemplate,
} from '../../server/domain/slots.ts';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const holidays = new Set(finnishHolidays('2026-01-01', '2027-12-31').map((h) => h.date));
const monday = (advisorId = A, extra: Partial<AvailabilityTemplate> = {}): AvailabilityTemplate => ({
  advisorId,
  weekday: 1,
  startTime: '09:00',
  endTime: '12:00',
  slotMinutes: 60,
  modes: ['in_person', 'phone'],
  languages: ['fi', 'ar'],
  validFrom: '2026-01-01',
  validUntil: null,
  ...extra,
});
const at = (iso: string) => new Date(iso);
const times = (slots: { startsAt: Date }[]) => slots.map((s) => s.startsAt.toISOString());

describe('slots across daylight-saving changes', () => {
  test('the Monday after 2026-03-29 starts at 09:00 EEST (06:00 UTC), the Monday before at 09:00 EET (07:00 UTC)', () => {
    const slots = generateSlots({
      templates: [monday()],
      holidays,
      now: at('2026-03-18T10:00:00Z'),
      booked: new Set(),
    });
    expect(times(slots)).toContain('2026-03-23T07:00:00.000Z');
    expect(times(slots)).toContain('2026-03-30T06:00:00.000Z');
    expect(times(slots)).toContain('2026-03-30T08:00:00.000Z'); // the 11:00 slot
  });

  test('the Monday after 2026-10-25 is back on EET: 09:00 is 07:00 UTC', () => {
    const slots = generateSlots({
      templates: [monday()],
      holidays,
      now: at('2026-10-20T10:00:00Z'),
      booked: new Set(),
    });
    expect(times(slots)).toContain('2026-10-19T06:00:00.000Z'.replace('19', '26').replace('06:00', '07:00'));
    expect(times(slots)).not.toContain('2026-10-26T06:00:00.000Z');
  });

  test('on the 2027-03-28 change day itself (Easter Sunday, so no holidays passed here) 10:00 is 07:00 UTC', () => {
    const sunday = monday(A, { weekday: 7, startTime: '10:00', endTime: '11:00' });
    const slots = generateSlots({
      templates: [sunday],
      holidays: new Set(),
      now: at('2027-03-12T10:00:00Z'),
      booked: new Set(),
    });
    expect(times(slots)).toContain('2027-03-21T08:00:00.000Z'); // EET the week before
    expect(times(slots)).toContain('2027-03-28T07:00:00.000Z'); // EEST from 04:00 that morning
    // With the real holidays, Easter Sunday has no times.
    const real = generateSlots({ templates: [sunday], holidays, now: at('2027-03-20T10:00:00Z'), booked: new Set() });
    expect(times(real)).not.toContain('2027-03-28T07:00:00.000Z');
  });

  test('each slot lasts its template’s length, also over a change', () => {
    const slots = generateSlots({
      templates: [monday(A, { slotMinutes: 45 })],
      holidays,
      now: at('2026-03-18T10:00:00Z'),
      booked: new Set(),
    });
    for (const s of slots) expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(45 * 60_000);
    expect(slots.filter((s) => s.startsAt.toISOString().startsWith('2026-03-30'))).toHaveLength(4); // 09:00, 09:45, 10:30, 11:15
  });
});

describe('holidays, notice and horizon', () => {
  test('no slots on Midsummer Eve, Christmas Eve or Christmas Day', () => {
    const everyDay = [1, 2, 3, 4, 5].map((weekday) => monday(A, { weekday }));
    const june = generateSlots({ templates: everyDay, holidays, now: at('2026-06-10T10:00:00Z'), booked: new Set() });
    expect(times(june).some((t) => t.startsWith('2026-06-19'))).toBe(false);
    expect(times(june).some((t) => t.startsWith('2026-06-18'))).toBe(true);
    const dec = generateSlots({ templates: everyDay, holidays, now: at('2026-12-14T10:00:00Z'), booked: new Set() });
    for (const day of ['2026-12-24', '2026-12-25', '2026-12-26'])
      expect(times(dec).some((t) => t.startsWith(day))).toBe(false);
    expect(times(dec).some((t) => t.startsWith('2026-12-28'))).toBe(true);
  });

  test('not before the next working day: on Friday the first times are on Monday', () => {
    const everyDay = [1, 2, 3, 4, 5].map((weekday) => monday(A, { weekday }));
    const slots = generateSlots({ templates: everyDay, holidays, now: at('2026-11-27T08:00:00Z'), booked: new Set() }); // Fri
    expect(times(slots)[0]).toBe('2026-11-30T07:00:00.000Z');
  });

  test('the next working day skips holidays: after Thursday 2026-12-24 comes Monday 2026-12-28', () => {
    expect(addWorkingDays('2026-12-23', 1, holidays)).toBe('2026-12-28');
    expect(addWorkingDays('2027-06-24', 1, holidays)).toBe('2027-06-28'); // Midsummer Eve 25.6.2027 is a Friday
    expect(addWorkingDays('2027-06-23', 1, holidays)).toBe('2027-06-24');
  });

  test('nothing beyond the six-week horizon', () => {
    const slots = generateSlots({
      templates: [monday()],
      holidays,
      now: at('2026-11-23T08:00:00Z'),
      booked: new Set(),
    });
    const last = slots.at(-1)!.startsAt.toISOString();
    expect(last <= '2027-01-04T23:59:59Z').toBe(true);
    expect(times(slots)).toContain('2027-01-04T07:00:00.000Z');
    expect(times(slots).some((t) => t >= '2027-01-05')).toBe(false);
  });

  test('booked slots are gone; one time per start across advisors; language and mode filter', () => {
    const now = at('2026-11-23T08:00:00Z');
    const all = generateSlots({
      templates: [monday(A), monday(B, { languages: ['fi', 'so'], modes: ['video'] })],
      holidays,
      now,
      booked: new Set(),
    });
    const first = all.find((s) => s.advisorId === A)!;
    const after = generateSlots({ templates: [monday(A)], holidays, now, booked: new Set([first.id]) });
    expect(after.map((s) => s.id)).not.toContain(first.id);
    expect(choosableSlots(all, 'ar', 'in_person').every((s) => s.advisorId === A)).toBe(true);
    expect(choosableSlots(all, 'so', 'video').every((s) => s.advisorId === B)).toBe(true);
    expect(choosableSlots(all, 'fi', 'in_person')).toHaveLength(choosableSlots(all, 'ar', 'phone').length);
    expect(choosableSlots(all, 'so', 'in_person')).toEqual([]);
  });

  test('slot ids round-trip and reject anything else', () => {
    const d = at('2026-11-30T07:00:00Z');
    expect(parseSlotId(slotId(A, d))).toEqual({ advisorId: A, startsAt: d });
    for (const bad of ['', 'x', `${A}.abc`, `${A}.1`, `'; drop table bookings; --.${d.getTime()}`])
      expect(parseSlotId(bad)).toBeUndefined();
  });
});

describe('exceptions to the week', () => {
  const now = at('2026-11-23T08:00:00Z');
  test('a whole-day absence removes that day; an absence of some hours removes only those slots', () => {
    const whole = generateSlots({
      templates: [monday()],
      holidays,
      now,
      booked: new Set(),
      exceptions: [
        {
          advisorId: A,
          date: '2026-11-30',
          kind: 'absence',
          startTime: null,
          endTime: null,
          slotMinutes: 60,
          modes: [],
          languages: [],
        },
      ],
    });
    expect(times(whole).some((x) => x.startsWith('2026-11-30'))).toBe(false);
    const part = generateSlots({
      templates: [monday()],
      holidays,
      now,
      booked: new Set(),
      exceptions: [
        {
          advisorId: A,
          date: '2026-11-30',
          kind: 'absence',
          startTime: '10:30',
          endTime: '11:00',
          slotMinutes: 60,
          modes: [],
          languages: [],
        },
      ],
    });
    expect(times(part).filter((x) => x.startsWith('2026-11-30'))).toEqual([
      '2026-11-30T07:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
    // Another advisor's absence changes nothing here.
    const other = generateSlots({
      templates: [monday()],
      holidays,
      now,
      booked: new Set(),
      exceptions: [
        {
          advisorId: B,
          date: '2026-11-30',
          kind: 'absence',
          startTime: null,
          endTime: null,
          slotMinutes: 60,
          modes: [],
          languages: [],
        },
      ],
    });
    expect(times(other).filter((x) => x.startsWith('2026-11-30'))).toHaveLength(3);
  });

  test('extra hours add slots on a day with no template, but not on a holiday', () => {
    const extra = (date: string) => ({
      advisorId: A,
      date,
      kind: 'extra' as const,
      startTime: '13:00',
      endTime: '15:00',
      slotMinutes: 60,
      modes: ['video' as const],
      languages: ['uk'],
    });
    const slots = generateSlots({
      templates: [],
      holidays,
      now,
      booked: new Set(),
      exceptions: [extra('2026-12-02'), extra('2026-12-24')],
    });
    expect(times(slots)).toEqual(['2026-12-02T11:00:00.000Z', '2026-12-02T12:00:00.000Z']);
    expect(slots[0]!.languages).toEqual(['uk']);
  });
});

describe('slot generation is linear in the slots it makes', () => {
  // Counted, not timed: the work reported per slot stays the same when the advisors and the
  // horizon double (the old check of each new slot against all earlier ones grew with their number).
  const advisors = (n: number) =>
    Array.from({ length: n }, (_, i) => `${String(i).padStart(8, '0')}-1111-4111-8111-111111111111`);
  const week = (ids: string[]) =>
    ids.flatMap((id) =>
      [1, 2, 3, 4, 5].map((weekday) => monday(id, { weekday, startTime: '08:00', endTime: '16:00', slotMinutes: 30 })),
    );
  const run = (n: number, horizonDays: number) => {
    const ids = advisors(n);
    const work = { steps: 0 };
    const booked = new Set<string>();
    const slots = generateSlots({
      templates: week(ids),
      exceptions: [
        {
          advisorId: ids[0]!,
          date: '2026-06-03',
          kind: 'absence',
          startTime: null,
          endTime: null,
          slotMinutes: 30,
          modes: [],
          languages: [],
        },
      ],
      holidays,
      now: at('2026-05-04T08:00:00Z'),
      booked,
      rules: { horizonDays, noticeWorkingDays: 1 },
      work,
    });
    return { slots: slots.length, steps: work.steps };
  };

  test('doubling the advisors and the horizon doubles the work per slot made, never more', () => {
    const small = run(5, 45);
    const large = run(20, 180);
    expect(large.slots).toBeGreaterThan(small.slots * 7);
    // Each slot costs a bounded number of steps (one per candidate, one per absence of its advisor that day).
    expect(small.steps / small.slots).toBeLessThan(1.2);
    expect(large.steps / large.slots).toBeLessThan(1.2);
  });

  test('an overlapping extra hour still makes one slot per advisor and time', () => {
    const slots = generateSlots({
      templates: [monday()],
      exceptions: [
        {
          advisorId: A,
          date: '2026-05-11',
          kind: 'extra',
          startTime: '09:00',
          endTime: '13:00',
          slotMinutes: 60,
          modes: ['phone'],
          languages: ['fi'],
        },
      ],
      holidays,
      now: at('2026-05-04T08:00:00Z'),
      booked: new Set(),
      onlyDate: '2026-05-11',
    });
    expect(times(slots)).toEqual([
      '2026-05-11T06:00:00.000Z',
      '2026-05-11T07:00:00.000Z',
      '2026-05-11T08:00:00.000Z',
      '2026-05-11T09:00:00.000Z',
    ]);
  });
});

describe('where the search for the first free times begins', () => {
  // Two advisors every weekday 08:00–16:00 in 30-minute slots.
  const weekdays = [1, 2, 3, 4, 5].flatMap((weekday) =>
    [A, B].map((advisorId) => monday(advisorId, { weekday, startTime: '08:00', endTime: '16:00', slotMinutes: 30 })),
  );
  const now = at('2026-05-04T06:00:00Z').getTime();
  const offered = generateSlots({ templates: weekdays, holidays, now: new Date(now), booked: new Set() });
  /** Counts the taken-slot lookups a search makes. */
  class CountedLookups extends Map<string, number> {
    lookups = 0;
    override get(id: string) {
      this.lookups++;
      return super.get(id);
    }
  }
  const confirmed = Number.POSITIVE_INFINITY;

  test('continues from where it was: only the slots taken since are walked through', () => {
    const taken = new CountedLookups(offered.slice(0, 300).map((s) => [s.id, confirmed]));
    const first = scanStart(offered, taken, now);
    expect(first.index).toBe(300);
    for (const s of offered.slice(300, 303)) taken.set(s.id, confirmed);
    taken.lookups = 0;
    const again = scanStart(offered, taken, now, first);
    expect(again.index).toBe(303);
    expect(taken.lookups).toBe(4);
    // The first free times from there are those found from the very beginning.
    expect(choosable(offered, taken, now, 5, '', again.index)).toEqual(choosable(offered, taken, now, 5));
  });

  test('a hold before it ends at its deadline: from then on the search begins again and finds its time', () => {
    const deadline = now + 3_600_000;
    const taken = new Map(offered.slice(0, 40).map((s, i) => [s.id, i === 7 ? deadline : confirmed]));
    const start = scanStart(offered, taken, now);
    expect(start).toEqual({ index: 40, until: deadline });
    const later = scanStart(offered, taken, deadline, start);
    expect(later.index).toBe(7);
    expect(choosable(offered, taken, deadline, 1, '', later.index)[0]!.id).toBe(offered[7]!.id);
  });
});
