import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToZoned, zonedToInstant } from '../time/zoned.ts';
import { nextOccurrence, upcomingOccurrences } from './next.ts';
import {
  bruteForceDates,
  temporalInstant,
  temporalWallClock,
  wallNearTransition,
} from './oracle.test-helper.ts';
import { FREQUENCIES, formatRrule, ruleOf, type Rrule } from './rrule.ts';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Asia/Kolkata',
];
const RUNS = { numRuns: 400 };

const pad = (value: number) => String(value).padStart(2, '0');
const zone = fc.constantFrom(...ZONES);
const date = fc
  .date({
    min: new Date('1995-01-01T00:00:00Z'),
    max: new Date('2045-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((value) => value.toISOString().slice(0, 10));
// Times near the usual DST switch hours come up often, so gaps and overlaps are well covered.
const time = fc
  .oneof(
    fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 15, 30, 45)),
  )
  .map(([hours, minutes]) => `${pad(hours)}:${pad(minutes)}`);
const maybeTime = fc.option(time, { nil: null });

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
const ruleText = rule.map((value) => ruleOf(formatRrule(value)));

describe('zone conversions agree with Temporal', () => {
  it('zonedToInstant: gaps move forward, repeated hours take the earlier instant', () => {
    fc.assert(
      fc.property(date, maybeTime, zone, (day, wall, timeZone) => {
        expect(zonedToInstant(day, wall, timeZone).getTime()).toBe(
          temporalInstant(day, wall, timeZone),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('zonedToInstant around every kind of offset change, 30-minute ones too', () => {
    const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2045, 0, 1) });
    const minutes = fc.integer({ min: -90, max: 90 });
    fc.assert(
      fc.property(
        instant,
        zone.filter((name) => name !== 'Asia/Kolkata'),
        minutes,
        (epochMs, timeZone, delta) => {
          const wall = wallNearTransition(epochMs, timeZone, delta)!;
          expect(zonedToInstant(wall.date, wall.time, timeZone).getTime()).toBe(
            temporalInstant(wall.date, wall.time, timeZone),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('instantToZoned reads the wall clock of any instant', () => {
    const instant = fc.integer({ min: Date.UTC(1995, 0, 1), max: Date.UTC(2045, 11, 31) });
    fc.assert(
      fc.property(instant, zone, (epochMs, timeZone) => {
        expect(instantToZoned(epochMs, timeZone)).toEqual(temporalWallClock(epochMs, timeZone));
      }),
      { numRuns: 2000 },
    );
  });
});

const WINDOW_DAYS = 3 * 366;
const windowEnd = (anchor: string) =>
  new Date(Date.parse(anchor) + WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);

describe('the engine agrees with a day-by-day oracle', () => {
  it('upcoming occurrences: same days, the local time kept, the instant Temporal derives', () => {
    fc.assert(
      fc.property(
        ruleText,
        date,
        maybeTime,
        zone,
        fc.integer({ min: 1, max: 3 }),
        (rrule, anchor, wall, timeZone, number) => {
          const got = upcomingOccurrences(
            { date: anchor, time: wall, timeZone, rrule, occurrence: number },
            5,
          );
          const expected = bruteForceDates(rrule, anchor, WINDOW_DAYS, 5, number);
          expect(got.map((o) => o.date).filter((day) => day <= windowEnd(anchor))).toEqual(
            expected,
          );
          for (const [index, occurrence] of got.entries()) {
            expect(occurrence.time).toBe(wall);
            expect(occurrence.occurrence).toBe(number + index + 1);
            expect(occurrence.at.getTime()).toBe(temporalInstant(occurrence.date, wall, timeZone));
          }
        },
      ),
      RUNS,
    );
  });

  it('advancing one occurrence at a time, as the API stores them, follows the same series', () => {
    fc.assert(
      fc.property(ruleText, date, maybeTime, zone, (rrule, anchor, wall, timeZone) => {
        const series = upcomingOccurrences({ date: anchor, time: wall, timeZone, rrule }, 6);
        const sixth = series.splice(5);
        let current = { date: anchor, time: wall, timeZone, rrule, occurrence: 1 };
        for (const expected of series) {
          const [next] = upcomingOccurrences(current, 1);
          expect(next).toEqual(expected);
          current = { ...current, date: next!.date, occurrence: next!.occurrence };
        }
        if (series.length === 5) expect(upcomingOccurrences(current, 1)).toEqual(sixth);
      }),
      RUNS,
    );
  });

  it('a fixed schedule completed late advances to the first occurrence after now, never into the past', () => {
    const lateness = fc.integer({ min: 0, max: 400 * 86_400_000 });
    fc.assert(
      fc.property(
        ruleText,
        date,
        maybeTime,
        zone,
        lateness,
        (rrule, anchor, wall, timeZone, late) => {
          const now = new Date(temporalInstant(anchor, wall, timeZone) + late);
          const next = nextOccurrence(
            { date: anchor, time: wall, timeZone, rrule },
            { repeatFrom: 'due', now },
          );
          const today = instantToZoned(now, timeZone).date;
          const isFuture = (day: string) =>
            wall === null ? day > today : temporalInstant(day, wall, timeZone) > now.getTime();
          const expected = bruteForceDates(rrule, anchor, WINDOW_DAYS + 400, 10_000).find(isFuture);
          if (next) expect(isFuture(next.date)).toBe(true);
          if (next && next.date <= windowEnd(anchor)) expect(next.date).toBe(expected);
          if (!next) expect(expected).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('from completion: the first occurrence after the local day of completion', () => {
    fc.assert(
      fc.property(
        ruleText,
        date,
        time,
        zone,
        fc.integer({ min: 0, max: 90 * 86_400_000 }),
        (rrule, anchor, wall, timeZone, late) => {
          const now = new Date(temporalInstant(anchor, wall, timeZone) + late);
          const next = nextOccurrence(
            { date: anchor, time: wall, timeZone, rrule },
            { repeatFrom: 'completion', now },
          );
          const completionDay = temporalWallClock(now.getTime(), timeZone).date;
          const [expected] = bruteForceDates(rrule, completionDay, WINDOW_DAYS, 1);
          if (next && next.date <= windowEnd(completionDay)) expect(next.date).toBe(expected);
          if (!next) expect(expected).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });
});
