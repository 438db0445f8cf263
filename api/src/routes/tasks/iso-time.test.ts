import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time.ts';

describe('isoTime', () => {
  it('writes what toISOString writes', () => {
    const dates = [
      '2026-12-01T13:04:33.409Z',
      '2026-01-09T00:00:00.000Z',
      '2026-10-31T23:59:59.999Z',
      '2026-03-05T07:08:09.001Z',
      '2026-03-05T07:08:09.090Z',
      '1000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
    ].map((text) => new Date(text));
    for (let ms = 0; ms < 400 * 86_400_000; ms += 86_400_000 / 7 + 13) dates.push(new Date(ms));
    for (const date of dates) expect(isoTime(date)).toBe(date.toISOString());
  });

  it('leaves years outside 1000–9999 and invalid dates to toISOString', () => {
    for (const text of ['0999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00.000Z']) {
      const date = new Date(text);
      expect(isoTime(date)).toBe(date.toISOString());
    }
    expect(() => isoTime(new Date('nope'))).toThrow(RangeError);
  });
});
