import { sql } from 'drizzle-orm';
import { UPCOMING_REMINDERS, type UpcomingReminder } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { reminderSchedule } from '../../db/schema/reminders.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { isMember } from '../lists/membership.ts';

const iso = (value: string | Date | null) =>
  value === null ? null : new Date(value).toISOString();

/**
 * The caller's reminder occurrences not yet sent that fire within the next day (or fired and are
 * still worth showing), soonest first: what an open tab schedules itself. One statement.
 */
export async function listUpcomingReminders(
  db: Database,
  userId: string,
): Promise<UpcomingReminder[]> {
  const result = await db.execute<{
    occurrence: string;
    task_id: string;
    title: string;
    fire_at: string;
    due_at: string | null;
    expires_at: string;
  }>(sql`
    select s.occurrence, s.task_id, t.title, s.fire_at, s.due_at, s.expires_at
    from ${reminderSchedule} s join ${tasks} t on t.id = s.task_id
    where s.user_id = ${userId} and s.sent_for is distinct from s.occurrence
      and s.fire_at < now() + make_interval(hours => ${UPCOMING_REMINDERS.hours})
      and s.expires_at > now() and ${isMember(userId, sql`t.list_id`)}
    order by s.fire_at, s.occurrence
    limit ${UPCOMING_REMINDERS.max}`);
  return result.rows.map((row) => ({
    ...row,
    fire_at: iso(row.fire_at)!,
    due_at: iso(row.due_at),
    expires_at: iso(row.expires_at)!,
  }));
}
