import {
  dateToDays,
  instantToZoned,
  nextOccurrence,
  zonedToInstant,
} from '@tasks/shared/recurrence';
import type { TaskRecord } from '../../db/schema/tasks.ts';
import { buildSchedule, HORIZON_DAYS, type TaskSchedule } from './schedule.ts';

/** A stored task with the zone of its creator, which a floating task is read in. */
export type ZonedRecord = { record: TaskRecord; creatorZone: string | null };

/** The fields the worker derives with the shared engine (decision 0018). */
export type Derived = { dueAt: Date | null; schedule: TaskSchedule | null };

/** The zone a task's local day and time are read in: its own, else its creator's, else UTC. */
export const zoneOf = ({ record, creatorZone }: ZonedRecord) =>
  record.timeZone ?? creatorZone ?? 'UTC';

/**
 * `due_at` and the schedule of a task's stored local fields. A stored instant that reads back to
 * the same local day and minute is kept, so one an older client sent keeps its seconds.
 */
export function deriveDue(zoned: ZonedRecord, now = new Date()): Derived {
  const { record } = zoned;
  if (!record.dueDate) return { dueAt: record.dueAt, schedule: null };
  const timeZone = zoneOf(zoned);
  const local = record.dueAt && instantToZoned(record.dueAt, timeZone);
  const keep = local && local.date === record.dueDate && local.time === (record.dueTime ?? '00:00');
  const dueAt = keep ? record.dueAt : zonedToInstant(record.dueDate, record.dueTime, timeZone);
  if (!record.rrule || !record.repeatFrom) return { dueAt, schedule: null };
  return { dueAt, schedule: buildSchedule(record.rrule, record.repeatFrom, record.dueDate, now) };
}

/**
 * True while a stored schedule still answers well ahead (half its horizon): of the task's mode,
 * in the current form, and not near its end. A write's refill tops it up only then, so the
 * stored one is rewritten rarely, not on every completion.
 */
function scheduleCurrent(stored: unknown, derived: TaskSchedule, now: Date): boolean {
  const schedule = stored as Partial<TaskSchedule> | null;
  if (!schedule || schedule.mode !== derived.mode || !Array.isArray(schedule.k)) return false;
  if (schedule.end) return true;
  const last =
    dateToDays(schedule.d0 ?? '1970-01-01') +
    (schedule.mode === 'due' ? (schedule.k.at(-1) ?? 0) : schedule.k.length);
  return last - dateToDays(now.toISOString().slice(0, 10)) > HORIZON_DAYS / 2;
}

/** True when the stored derived fields differ from `derived` (then a refill writes them). */
export function isStale(record: TaskRecord, derived: Derived, now = new Date()): boolean {
  if (record.dueAt?.getTime() !== derived.dueAt?.getTime()) return true;
  if (!derived.schedule) return record.schedule !== null;
  return !scheduleCurrent(record.schedule, derived.schedule, now);
}

/** The occurrence completing (or skipping) the task at `now` advances to; null: used up. */
export function engineNext(zoned: ZonedRecord, now: Date) {
  const { record } = zoned;
  if (!record.rrule || !record.repeatFrom || !record.dueDate) return null;
  const current = {
    date: record.dueDate,
    time: record.dueTime,
    timeZone: zoneOf(zoned),
    rrule: record.rrule,
    occurrence: record.occurrence,
  };
  return nextOccurrence(current, { repeatFrom: record.repeatFrom, now });
}
