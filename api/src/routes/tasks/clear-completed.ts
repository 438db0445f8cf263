import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { audienceFrom, audienceJson } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { canWriteTasks } from '../lists/membership.ts';
import { archiveDeleted } from './archive-sql.ts';

/**
 * Deletes every completed task in the lists the caller may write, keeping each for a restore;
 * returns how many.
 */
export async function clearCompletedTasks(
  db: Database,
  userId: string,
): Promise<{ deleted: number; audience: Audience }> {
  const deleted = db.$with('deleted').as(
    db
      .delete(tasks)
      .where(and(canWriteTasks(userId, sql`${tasks.listId}`), eq(tasks.completed, true)))
      .returning({
        id: tasks.id,
        listId: tasks.listId,
        task: sql`to_jsonb(${tasks})`.as('task'),
      }),
  );
  const archived = db.$with('archived', { taskId: sql`task_id` }).as(archiveDeleted(userId));
  const [row] = await db
    .with(deleted, archived)
    .select({
      count: sql<number>`count(*)::int`,
      audience: audienceJson(sql`select list_id from list_members where user_id = ${userId}`),
    })
    .from(deleted);
  return { deleted: row?.count ?? 0, audience: audienceFrom(row!.audience) };
}
