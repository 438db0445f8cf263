import { and, eq, sql } from 'drizzle-orm';
import type { BulkAction } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { canWriteTasks, isMember, roleIn } from '../lists/membership.ts';

/** Those of `ids` in lists where the caller may write tasks (a viewer's ids are `not_found`). */
const ownedAmong = (userId: string, ids: string[]) =>
  and(
    sql`${tasks.id} = any(${sql.param(ids)}::uuid[])`,
    canWriteTasks(userId, sql`${tasks.listId}`),
  );

/**
 * Completes, reopens or deletes those of `ids` the caller owns, in one statement, and returns
 * the ids it owns (the others are for `not_found`). Completing a completed task (or reopening an
 * open one) leaves it untouched, version included, but still counts it as updated.
 */
export async function applyBulkAction(
  db: Database,
  userId: string,
  action: Exclude<BulkAction['action'], 'move'>,
  ids: string[],
): Promise<string[]> {
  if (action === 'delete') {
    const rows = await db.delete(tasks).where(ownedAmong(userId, ids)).returning({ id: tasks.id });
    return rows.map((row) => row.id);
  }
  const completed = action === 'complete';
  const changed = db.$with('changed').as(
    db
      .update(tasks)
      .set({
        completed,
        completedAt: completed ? sql`now()` : null,
        completedBy: completed ? sql`${userId}::uuid` : null,
        version: sql`${tasks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(ownedAmong(userId, ids), eq(tasks.completed, !completed)))
      .returning({ id: tasks.id }),
  );
  // The outer SELECT reads the statement's snapshot, taken before the UPDATE: every owned id.
  const rows = await db
    .with(changed)
    .select({ id: tasks.id })
    .from(tasks)
    .where(ownedAmong(userId, ids));
  return rows.map((row) => row.id);
}

/**
 * Moves those of `ids` the caller may write into `listId` if they may write there too, in one
 * statement; the outer query reads the caller's role in the destination (404 / 403). Assignees
 * who are not members of the destination are unassigned.
 */
export async function moveTasks(
  db: Database,
  userId: string,
  ids: string[],
  listId: string,
): Promise<{ status: 'ok'; value: string[] } | { status: 'list_not_found' | 'forbidden' }> {
  const destination = sql`${listId}::uuid`;
  const result = await db.execute<{ role: string | null; ids: string[] }>(sql`
    with moved as (
      update ${tasks} set list_id = ${destination}, version = version + 1, updated_at = now(),
        assignee_id = case when ${isMember(sql`${tasks.assigneeId}`, destination)}
          then assignee_id end
      where ${ownedAmong(userId, ids)} and list_id <> ${destination}
        and ${canWriteTasks(userId, destination)}
      returning id
    )
    -- A data-modifying CTE runs even unreferenced; the outer query reads the snapshot before it.
    select ${roleIn(userId, destination)} as role,
      array(select id from ${tasks} where ${ownedAmong(userId, ids)}) as ids`);
  const [row] = result.rows;
  if (!row?.role) return { status: 'list_not_found' };
  if (row.role === 'viewer') return { status: 'forbidden' };
  return { status: 'ok', value: row.ids };
}

/** Deletes every completed task in the lists the caller may write; returns how many. */
export async function clearCompletedTasks(db: Database, userId: string): Promise<number> {
  const deleted = db.$with('deleted').as(
    db
      .delete(tasks)
      .where(and(canWriteTasks(userId, sql`${tasks.listId}`), eq(tasks.completed, true)))
      .returning({ id: tasks.id }),
  );
  const [row] = await db
    .with(deleted)
    .select({ count: sql<number>`count(*)::int` })
    .from(deleted);
  return row?.count ?? 0;
}
