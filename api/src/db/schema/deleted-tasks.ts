import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { lists } from './lists.ts';

/**
 * Each deleted task kept whole for `POST /tasks/{id}/restore` (decision 0034): written by the
 * delete's own statement (a CTE reads the history and the reminder schedule before the cascade
 * takes them), removed by the restore's. Kept CHANGE_RETENTION_DAYS, like the feed's tombstones,
 * and swept after 31 days by an occasional statement trigger (migration 0018).
 */
export const deletedTasks = pgTable(
  'deleted_tasks',
  {
    // No foreign key to tasks: the row outlives its task, and a restore brings back the same id.
    taskId: uuid('task_id').primaryKey(),
    // A deleted list takes its archive with it: nobody could restore into it.
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }).notNull().defaultNow(),
    /** `to_jsonb` of the tasks row. */
    task: jsonb('task').notNull(),
    /** `to_jsonb` of each of its task_history rows. */
    history: jsonb('history')
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** `to_jsonb` of each of its reminder_schedule rows: a sent reminder stays sent (0020). */
    schedule: jsonb('schedule')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  // The sweep finds the oldest rows here, so its cost is the rows swept, not the table.
  (t) => [index('deleted_tasks_deleted_at_idx').on(t.deletedAt)],
);
