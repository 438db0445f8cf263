import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToZoned } from '../time/zoned.ts';
import { RUNS, date, maybeTime, ruleText, time, zone } from './arbitraries.test-helper.ts';
import { nextOccurrence, upcomingOccurrences } from './next.ts';
import { bruteForceDates, temporalInstant, temporalWallClock } from './oracle.test-helper.ts';

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
