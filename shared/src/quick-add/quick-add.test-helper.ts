import { expect } from 'vitest';
import { parseQuickAdd, type QuickAdd } from './index.ts';

// Tuesday 1 December 2026, 10:00 in London (UTC in winter).
export const NOW = new Date('2026-12-01T10:00:00Z');
const LISTS = ['Home chores', 'Work'];

export type Expected = Partial<Omit<QuickAdd, 'spans' | 'recurrence'>> & {
  rrule?: string;
  from?: 'completion';
};

/** Parses `text` at NOW in London and compares everything but the spans. */
export function expectReading(text: string, { rrule, from, ...expected }: Expected) {
  const { spans, ...reading } = parseQuickAdd(text, {
    now: NOW,
    timeZone: 'Europe/London',
    lists: LISTS,
  });
  expect(spans.every((span) => text.slice(span.start, span.end) === span.text)).toBe(true);
  const recurrence = rrule ? { recurrence: { rrule, repeat_from: from ?? 'due' } } : {};
  expect(reading).toEqual({ tags: [], ...expected, ...recurrence });
}
