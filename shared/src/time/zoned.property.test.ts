import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { date, maybeTime, zone } from '../recurrence/arbitraries.test-helper.ts';
import {
  temporalInstant,
  temporalWallClock,
  wallNearTransition,
} from '../recurrence/oracle.test-helper.ts';
import { instantToZoned, zonedToInstant } from './zoned.ts';

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
