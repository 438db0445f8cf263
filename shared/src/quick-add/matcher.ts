import type { Priority } from '../task.ts';
import type { Rrule } from '../recurrence/rrule.ts';

export type SpanKind = 'recurrence' | 'date' | 'time' | 'tag' | 'priority' | 'list';

/** What one understood phrase contributes to the new task. */
export interface Reading {
  /** Day number (days since 1970-01-01) of the due date. */
  day?: number;
  time?: string;
  rule?: Rrule;
  repeatFromCompletion?: boolean;
  tag?: string;
  priority?: Priority;
  list?: string;
}

export interface Context {
  /** Today's day number in the user's zone. */
  today: number;
  /** Minutes since midnight now, in the user's zone. */
  nowMinutes: number;
  lists: readonly string[];
}

/** A kind of phrase: its pattern (global, whole words) and how to read a match, null to pass. */
export interface Matcher {
  kind: SpanKind;
  pattern: RegExp;
  read(groups: string[], context: Context): Reading | null;
}

export const rule = (freq: Rrule['freq'], parts: Partial<Rrule> = {}): Rrule => ({
  freq,
  interval: 1,
  byMonth: [],
  byMonthDay: [],
  byDay: [],
  count: null,
  until: null,
  ...parts,
});
