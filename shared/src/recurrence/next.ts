import type { RepeatFrom } from '../due.ts';
import { dateToDays, daysToDate } from '../time/plain-date.ts';
import { instantToZoned, zonedToInstant } from '../time/zoned.ts';
import { daysAfter } from './expand.ts';
import { ruleOf, type Rrule } from './rrule.ts';

/** A task's current occurrence: its local day and time, and the zone they are read in. */
export interface CurrentOccurrence {
  date: string;
  /** `HH:MM`, or null for an all-day task. */
  time: string | null;
  /** The task's zone, or the user's for a floating task. */
  timeZone: string;
  rrule: string | Rrule;
  /** Which occurrence this is, 1 for the first; COUNT counts from it. */
  occurrence?: number;
}

/**
 * One occurrence. `time` is the wall time the rule asks for even when it does not exist that
 * day; `at` is the instant it happens (moved forward by a DST gap, the earlier of a repeated hour).
 */
export interface Occurrence {
  date: string;
  time: string | null;
  at: Date;
  occurrence: number;
}

const untilText = (date: string, time: string | null) => `${date}T${time ?? '00:00'}:00`;

function withinUntil(rule: Rrule, occurrence: Occurrence): boolean {
  const { until } = rule;
  if (!until) return true;
  if (until.utc) return occurrence.at.getTime() <= Date.parse(`${until.date}T${until.time}Z`);
  if (!until.time) return occurrence.date <= until.date;
  return untilText(occurrence.date, occurrence.time) <= `${until.date}T${until.time}`;
}

/** The series' occurrences after `fromDay`, numbered on from `number`, ending at COUNT or UNTIL. */
function* series(current: CurrentOccurrence, fromDay: number): Generator<Occurrence> {
  const rule = typeof current.rrule === 'string' ? ruleOf(current.rrule) : current.rrule;
  let number = current.occurrence ?? 1;
  for (const day of daysAfter(rule, fromDay, fromDay)) {
    number += 1;
    if (rule.count !== null && number > rule.count) return;
    const date = daysToDate(day);
    const occurrence = {
      date,
      time: current.time,
      at: zonedToInstant(date, current.time, current.timeZone),
      occurrence: number,
    };
    if (!withinUntil(rule, occurrence)) return;
    yield occurrence;
  }
}

/** The next `count` occurrences after the current one, for a preview (ignores "now"). */
export function upcomingOccurrences(current: CurrentOccurrence, count: number): Occurrence[] {
  const result: Occurrence[] = [];
  if (count <= 0) return result;
  for (const occurrence of series(current, dateToDays(current.date))) {
    result.push(occurrence);
    if (result.length >= count) break;
  }
  return result;
}

export interface Advance {
  repeatFrom: RepeatFrom;
  /** When the current occurrence was completed or skipped. */
  now: Date;
}

/**
 * The occurrence a completion (or skip) at `now` advances the task to, or null when COUNT or
 * UNTIL is used up. Fixed schedule: the first occurrence after the current one that is not in
 * the past (a timed one after `now`, an all-day one after today), skipped ones still counting
 * toward COUNT. From completion: the first occurrence after the local day of `now`.
 */
export function nextOccurrence(
  current: CurrentOccurrence,
  { repeatFrom, now }: Advance,
): Occurrence | null {
  const today = dateToDays(instantToZoned(now, current.timeZone).date);
  if (repeatFrom === 'completion') {
    return series(current, today).next().value ?? null;
  }
  for (const occurrence of series(current, dateToDays(current.date))) {
    const future =
      occurrence.time === null
        ? dateToDays(occurrence.date) > today
        : occurrence.at.getTime() > now.getTime();
    if (future) return occurrence;
  }
  return null;
}
