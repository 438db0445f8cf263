import { and, eq, sql } from 'drizzle-orm';
import type { Occurrence } from '@tasks/shared/recurrence';
import type { Database } from '../../db/client.ts';
import { tasks, type TaskRecord } from '../../db/schema/tasks.ts';
import { audienceFrom, audienceJson, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { canWriteTasks } from '../lists/membership.ts';
import { historyInsert } from './completion-sql.ts';
import type { Derived } from './derive.ts';

/**
 * Writes the derived fields of the task as it was at `version`, after the answer. Not a change
 * of the task (its version stays): a newer write derives its own. Its row (none if a newer write
 * came first) carries the members to poke: `due_at` is in every task they see.
 */
export const refillQuery = (db: Database, record: TaskRecord, derived: Derived) => {
  const refilled = db.$with('refilled').as(
    db
      .update(tasks)
      .set({ dueAt: derived.dueAt, schedule: derived.schedule })
      .where(and(eq(tasks.id, record.id), eq(tasks.version, record.version)))
      .returning({ listId: tasks.listId }),
  );
  return db
    .with(refilled)
    .select({ audience: audienceJson(sql`select list_id from refilled`) })
    .from(refilled);
};

/** Who must hear of refills that changed a visible `due_at` (one transaction: one xid). */
export function refillAudience(rows: { audience: AudienceColumns }[]): Audience | undefined {
  const [first] = rows;
  if (!first) return undefined;
  const users = new Set(rows.flatMap((row) => row.audience.audience_users));
  return { users: [...users], xid: first.audience.audience_xid };
}

/** The refill of one task; answers whom to poke when its `due_at` moved. */
export async function refillDerived(db: Database, record: TaskRecord, derived: Derived) {
  const rows = await refillQuery(db, record, derived);
  const moved = record.dueAt?.getTime() !== derived.dueAt?.getTime();
  return moved ? refillAudience(rows) : undefined;
}

/**
 * The engine's advance, for a completion the schedule could not answer: moves the task past
 * occurrence `from` to `next` (null: the series is used up, so it is completed, skipped or not),
 * guarded by the occurrence like the scheduled advance, with the same history row, and the
 * members to poke. Undefined: someone else advanced it first.
 */
export async function advanceTask(
  db: Database,
  target: { userId: string; id: string; from: number; skip: boolean },
  next: Occurrence | null,
): Promise<{ record: TaskRecord; audience: Audience } | undefined> {
  const updated = db.$with('updated').as(
    db
      .update(tasks)
      .set({
        ...(next
          ? { dueDate: next.date, dueAt: next.at, occurrence: next.occurrence }
          : { completed: true, completedAt: sql`now()`, completedBy: target.userId }),
        schedule: null,
        version: sql`${tasks.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(tasks.id, target.id),
          eq(tasks.occurrence, target.from),
          eq(tasks.completed, false),
          sql`${tasks.rrule} is not null`,
          canWriteTasks(target.userId, sql`${tasks.listId}`),
        ),
      )
      .returning(),
  );
  const history = db
    .$with('history', { taskId: sql`task_id` })
    .as(historyInsert(target.userId, target.skip));
  const [row] = await db
    .with(updated, history)
    .select({
      record: updated._.selectedFields,
      audience: audienceJson(sql`select list_id from updated`),
    })
    .from(updated);
  return row && { record: row.record, audience: audienceFrom(row.audience) };
}
