// The small pure pieces the figures rest on.
import { describe, expect, test } from 'vitest';
import { percentile, summarize } from '../src/load.ts';
import { roundTripsOf } from '../src/measure.ts';

describe('percentile (nearest rank)', () => {
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
  test('p50 and p99 of 1..100', () => {
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
  });
  test('a single sample is every percentile; none is NaN', () => {
    expect(percentile([7], 1)).toBe(7);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
  test('summarize sorts, and rates against wall time', () => {
    const summary = summarize({ latencies: [3, 1, 2, 4], statuses: {}, wallMs: 2000 });
    expect(summary).toMatchObject({ count: 4, p50: 2, p99: 4, mean: 2.5, max: 4, rps: 2 });
  });
});

describe('roundTripsOf', () => {
  test('reads the db entry of Server-Timing', () => {
    expect(roundTripsOf('db;dur=3;desc="1", total;dur=9')).toBe(1);
    expect(roundTripsOf('total;dur=9, db;dur=0;desc="0"')).toBe(0);
    expect(roundTripsOf('db;desc=12;dur=4')).toBe(12);
  });
  test('a response without one is an error, not zero', () => {
    expect(() => roundTripsOf('total;dur=9')).toThrow(/no db round trips/);
    expect(() => roundTripsOf(null)).toThrow(/no db round trips/);
  });
});
