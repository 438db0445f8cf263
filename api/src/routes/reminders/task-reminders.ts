import { sql, type SQL } from 'drizzle-orm';
import type { TaskCreateSchema } from '@tasks/shared';
import type { z } from 'zod';
import { reminderSettings } from '../../db/schema/reminders.ts';

type NewTask = z.output<typeof TaskCreateSchema>;

/**
 * The `reminders` value of a new task, as SQL for its INSERT: the ones sent, or else the
 * caller's default offsets when the task has a due date, or none. The schedule rows follow
 * from the trigger of migration 0010, in the same statement.
 */
export function newTaskReminders(userId: string, input: NewTask): SQL {
  if (input.reminders !== undefined) return sql`${JSON.stringify(input.reminders)}::jsonb`;
  if (!input.due_date && !input.due_at) return sql`'[]'::jsonb`;
  return sql`coalesce((
      select jsonb_agg(jsonb_build_object('before_minutes', m) order by m)
      from ${reminderSettings} rs, unnest(rs.before_minutes) m where rs.user_id = ${userId}
    ), '[]'::jsonb)`;
}
