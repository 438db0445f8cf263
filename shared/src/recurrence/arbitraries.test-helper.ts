import fc from 'fast-check';
import { FREQUENCIES, formatRrule, ruleOf, type Rrule } from './rrule.ts';

/** fast-check arbitraries shared by the recurrence and zone property tests. */
export const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
];
export const RUNS = { numRuns: 400 };

const pad = (value: number) => String(value).padStart(2, '0');
export const zone = fc.constantFrom(...ZONES);
export const date = fc
  .date({
    min: new Date('1995-01-01T00:00:00Z'),
    max: new Date('2045-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((value) => value.toISOString().slice(0, 10));
// Times near the usual DST switch hours come up often, so gaps and overlaps are well covered.
export const time = fc
  .oneof(
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 15, 30, 45)),
  )
  .map(([hours, minutes]) => `${pad(hours)}:${pad(minutes)}`);
export const maybeTime = fc.option(time, { nil: null });

const byDay = (ordinals: boolean) =>
  fc.uniqueArray(
    fc.record({
      weekday: fc.integer({ min: 1, max: 7 }),
      ordinal: ordinals
        ? fc.option(fc.constantFrom(1, 2, 3, 4, -1, -2), { nil: null })
        : fc.constant(null),
    }),
    { maxLength: 3, selector: (day) => `${day.ordinal}${day.weekday}` },
  );

const rule: fc.Arbitrary<Rrule> = fc.constantFrom(...FREQUENCIES).chain((freq) =>
  fc.record({
    freq: fc.constant(freq),
    interval: fc.integer({ min: 1, max: 4 }),
    byMonth: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), {
      maxLength: freq === 'YEARLY' ? 3 : 1,
    }),
    byMonthDay:
      freq === 'WEEKLY'
        ? fc.constant([])
        : fc.uniqueArray(fc.constantFrom(1, 2, 15, 28, 29, 30, 31, -1, -2), { maxLength: 2 }),
    byDay: byDay(freq === 'MONTHLY' || freq === 'YEARLY'),
    count: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    until: fc.constant(null),
  }),
);
// Canonical text, re-parsed: the property also checks that format and parse agree.
export const ruleText = rule.map((value) => ruleOf(formatRrule(value)));
