import { sql, type SQL } from 'drizzle-orm';

/**
 * The instant a local day and time (`HH:MM`, null: the day's start) name in a zone, in SQL, by
 * the rule of the shared engine's `zonedToInstant` (decision 0014): a time a forward shift skips
 * moves forward by the gap, a time that happens twice takes the earlier instant (migration 0017's
 * `task_zoned_instant`, a function so that the statements calling it stay small to plan). The
 * statement that writes a task's local fields derives its `due_at` with it, so the stored instant
 * is the answer's (decision 0025). Null when the day is null.
 */
export function zonedInstant(date: SQL, time: SQL, zone: SQL): SQL<Date | null> {
  return sql`task_zoned_instant((${date})::date, (${time})::text, (${zone})::text)`;
}

/**
 * A zone a request names, as the statement reads it: itself when this database's tz database
 * knows it (migration 0016's `task_known_zone`), else null. Intl, which validated it, knows a few
 * names PostgreSQL does not (US/Pacific-New): no expression, not even one the planner folds
 * ahead of the WHERE, then fails on it, and `zoneKnown` refuses the write (decision 0030).
 */
export const readableZone = (zone: string): SQL<string | null> =>
  sql`(select case when task_known_zone(${zone}::text) then ${zone}::text end)`;

/** False when a request's zone is one this database does not know; true without one. */
export const zoneKnown = (zone: string | null | undefined): SQL<boolean> =>
  typeof zone === 'string' ? sql`task_known_zone(${zone}::text)` : sql`true`;
