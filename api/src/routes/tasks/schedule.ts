import type { Recurrence, RepeatFrom } from '@tasks/shared';
import { dateToDays, daysAfter, daysToDate, ruleOf, type Rrule } from '@tasks/shared/recurrence';

/**
 * What completing a recurring task advances it to, precomputed by the worker with the shared
 * engine's calendar (decision 0018, made zone-free by 0025), so that the completing statement
 * only looks it up. It holds local days only: which day is "today" and the instant of a day
 * are the statement's (zoned-sql.ts), in the task's zone, so the worker can build it before the
 * statement from the request alone (it never needs the creator's zone, the time or the
 * occurrence number). COUNT and UNTIL are applied by the statement too, from `count` and `until`.
 *
 * - `due` (fixed schedule): `k` are the series' days after the anchor `d0` (the day the task
 *   was on when the rule or the day was set), as day offsets. A completion takes the first one
 *   after the task's current day that is not in the past, counting the ones it passes.
 * - `completion`: for a completion on local day `d0 + i`, `k[i]` days later is the next one
 *   (null: the rule has no day after it).
 *
 * `end`: the series has no day after the last of `k` (else the schedule simply stops there).
 * `shift`: the days follow the anchor wherever it is (every n days, or n weeks on its weekday),
 * so a write that moves the day alone keeps the schedule with the new `d0` (due-sql.ts).
 */
export type TaskSchedule = {
  mode: RepeatFrom;
  d0: string;
  k: (number | null)[];
  end: boolean;
  shift: boolean;
  count: number | null;
  /** UNTIL as the engine compares it: a local `YYYY-MM-DDTHH:MM` text, or a UTC instant. */
  until: { local: string } | { at: string } | null;
};

/** A fixed schedule reaches this far ahead (a year and a month), and at least `MIN_ITEMS` on. */
export const HORIZON_DAYS = 400;
export const MIN_ITEMS = 64;
/** Completion days start this many days before the build's UTC day: every zone's today is in. */
const DAYS_BEHIND = 2;

/** The rule's own UNTIL, in the form the statement compares (`next.ts` `withinUntil`). */
function untilOf(rule: Rrule): TaskSchedule['until'] {
  const { until } = rule;
  if (!until) return null;
  if (until.utc) return { at: new Date(`${until.date}T${until.time}Z`).toISOString() };
  // Without a time any time of that day is within: 'T99' sorts after every 'THH:MM:SS'.
  return { local: `${until.date}T${until.time ?? '99'}` };
}

/** The series' days from the anchor until `MIN_ITEMS` and `HORIZON_DAYS` past it or `today`. */
function fixedDays(rule: Rrule, anchor: number, today: number): { k: number[]; end: boolean } {
  const k: number[] = [];
  // A day long past (an old task, or one untouched for more than the horizon) still reaches
  // beyond today, so a completion now finds its next day in the schedule (decision 0030).
  const from = Math.max(anchor, today);
  for (const day of daysAfter(rule, anchor, anchor)) {
    k.push(day - anchor);
    if (k.length >= MIN_ITEMS && day - from > HORIZON_DAYS) return { k, end: false };
  }
  return { k, end: true };
}

function completionDays(rule: Rrule, first: number): (number | null)[] {
  const k: (number | null)[] = [];
  for (let day = first; day <= first + DAYS_BEHIND + HORIZON_DAYS; day += 1) {
    const next = daysAfter(rule, day, day).next();
    k.push(next.done ? null : next.value - day);
  }
  return k;
}

const shifts = (rule: Rrule) =>
  (rule.freq === 'DAILY' || rule.freq === 'WEEKLY') &&
  !rule.byDay.length &&
  !rule.byMonth.length &&
  !rule.byMonthDay.length;

/**
 * The schedule of a rule from the day `date` (fixed), or from around `now` (from completion).
 * The statement builds the same in SQL (`task_schedule`, migration 0016) when the worker cannot.
 */
export function buildSchedule(
  rrule: string,
  repeatFrom: RepeatFrom,
  date: string,
  now: Date,
): TaskSchedule {
  const parsed = ruleOf(rrule);
  const rule = { ...parsed, count: null, until: null };
  const ends = { count: parsed.count, until: untilOf(parsed), shift: shifts(rule) };
  const today = dateToDays(now.toISOString().slice(0, 10));
  if (repeatFrom === 'due') {
    return { mode: 'due', d0: date, ...fixedDays(rule, dateToDays(date), today), ...ends };
  }
  const first = today - DAYS_BEHIND;
  return {
    mode: 'completion',
    d0: daysToDate(first),
    k: completionDays(rule, first),
    end: false,
    ...ends,
  };
}

/**
 * The schedule a write of these fields leaves the task with, built before the statement from the
 * request alone: undefined when the write keeps the stored one (neither the day nor the rule
 * changes; the schedule holds no time or zone), null when the task stops repeating, or when the
 * request lacks the rule or (on a fixed schedule) the day; the statement then keeps the stored
 * one if it still holds, else builds the row's own in SQL (due-sql.ts, decision 0030).
 */
export function scheduleOfChanges(
  changes: { due_date?: string | null; recurrence?: Recurrence | null },
  now: Date,
): TaskSchedule | null | undefined {
  const { due_date: date, recurrence } = changes;
  if (date === undefined && recurrence === undefined) return undefined;
  if (!recurrence || date === null) return null;
  if (recurrence.repeat_from === 'completion') {
    return buildSchedule(recurrence.rrule, 'completion', date ?? '1970-01-01', now);
  }
  return date ? buildSchedule(recurrence.rrule, 'due', date, now) : null;
}
