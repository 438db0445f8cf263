import { sql, type SQL } from 'drizzle-orm';

/**
 * The instant a local day and time (`HH:MM`, null: the day's start) name in a zone, in SQL, by
 * the rule of the shared engine's `zonedToInstant` (decision 0014): a time a forward shift skips
 * moves forward by the gap, a time that happens twice takes the earlier instant. The statement
 * that writes a task's local fields derives its `due_at` with it, so the stored instant is the
 * answer's (decision 0025). PostgreSQL's own `timestamp at time zone` takes the later instant of
 * a repeated hour, so this reads the two offsets a day either side and keeps the candidates that
 * read back to the wall time, exactly as the engine does. Null when the day is null.
 */
export function zonedInstant(date: SQL, time: SQL, zone: SQL): SQL<Date | null> {
  const offsetAt = (instant: string) =>
    `((${instant}) at time zone w.z - (${instant}) at time zone 'UTC')`;
  return sql`(select case
      when v.c1 at time zone v.z = v.wall and v.c2 at time zone v.z = v.wall then least(v.c1, v.c2)
      when v.c2 at time zone v.z = v.wall then v.c2
      else v.c1 end
    from (select w.wall, w.z,
        w.u - ${sql.raw(offsetAt(`w.u - interval '1 day'`))} as c1,
        w.u - ${sql.raw(offsetAt(`w.u + interval '1 day'`))} as c2
      from (select x.wall, x.z, x.wall at time zone 'UTC' as u
        from (select (${date})::date + coalesce((${time})::text, '00:00')::time as wall,
          (${zone})::text as z) x) w) v)`;
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
