import { sql, type SQL } from 'drizzle-orm';
import { tasks } from '../../db/schema/tasks.ts';
import { readableZone, zonedInstant, zoneKnown } from './zoned-sql.ts';

/**
 * The UPDATE (a CTE of `PATCH /me`'s statement) that re-derives the `due_at` of the floating
 * tasks `userId` created (they are read in their creator's zone) in the new `zone`, so a read
 * right after the answer shows the new instants (decision 0030). The zone is passed, not read:
 * the statement's snapshot still holds the old one. A stored instant that reads back to the
 * task's local day and minute in the new zone is kept (an older client's seconds, as
 * `deriveDue`); the version stays, as for any derived field. Returns the moved tasks' lists.
 */
export function rederiveFloating(userId: string, name: string): SQL {
  // A zone the server does not know moves nothing (the statement answers 400), and is never read.
  const known = sql`(select ${zoneKnown(name)})`;
  const zone = sql`coalesce(${readableZone(name)}, 'UTC')`;
  const wall = sql`to_char(${tasks.dueDate}, 'YYYY-MM-DD') || ' ' || coalesce(${tasks.dueTime}, '00:00')`;
  const read = sql`to_char(${tasks.dueAt} at time zone ${zone}, 'YYYY-MM-DD HH24:MI')`;
  return sql`update ${tasks}
    set due_at = ${zonedInstant(sql`${tasks.dueDate}`, sql`${tasks.dueTime}`, zone)}
    where ${known} and ${tasks.userId} = ${userId}::uuid and ${tasks.timeZone} is null
      and ${tasks.dueDate} is not null and ${read} is distinct from ${wall}
    returning ${tasks.listId} as list_id`;
}
