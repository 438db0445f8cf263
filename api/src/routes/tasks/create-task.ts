import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { assignable, TASK_WRITERS, targetList } from '../lists/membership.ts';
import { newTaskReminders } from '../reminders/task-reminders.ts';
import { NEW_DUE_COLUMNS, newDueValues } from './new-task-due.ts';
import { zoneKnown } from './zoned-sql.ts';
import { runCreate, type CreateParts } from './create-shape.ts';
import type { Denied, NewTask } from './queries.ts';
import type { TaskSnapshot } from './task-json.ts';

/**
 * Inserts a task into `input.list_id` (default: the caller's Inbox) if the caller may write
 * tasks there and the assignee (if any) is a member of it, in one statement whose outer query
 * reads the caller's role to tell 404 from 403, and the creator's zone the due fields need.
 */
export async function createTask(
  db: Database,
  userId: string,
  input: NewTask,
): Promise<
  { status: 'ok'; value: TaskSnapshot; creatorZone: string | null; audience: Audience } | Denied
> {
  type Row = AudienceColumns & {
    role: string;
    assignable: boolean;
    zone_known: boolean;
    task: TaskSnapshot | null;
    zone: string | null;
  };
  const result = await runCreate<Row, [string]>(db, 'plain', [[userId], input], createStatement);
  const [row] = result.rows;
  if (!row) return { status: 'not_found' };
  return row.task
    ? { status: 'ok', value: row.task, creatorZone: row.zone, audience: audienceFrom(row) }
    : notCreated(row);
}

/** The statement of `createTask`, from the caller and the task alone. */
export function createStatement([[userId], input]: CreateParts<[string]>): SQL {
  const assignee = input.assignee_id ?? null;
  return sql`
  with target as (
    select m.list_id, m.role, ${assignable(assignee, sql`m.list_id`)} as assignable
    from ${listMembers} m
    where m.list_id = ${targetList(userId, input.list_id)} and m.user_id = ${userId}
  ), inserted as (
    insert into tasks (user_id, list_id, completed_by, title, description, completed,
      completed_at, priority, tags, assignee_id, ${NEW_DUE_COLUMNS}, reminders)
    select ${userId}, target.list_id, case when ${input.completed}::boolean then ${userId}::uuid end,
      ${input.title}, ${input.description}, ${input.completed}::boolean,
      case when ${input.completed}::boolean then now() end, ${input.priority}::task_priority,
      ${sql.param(input.tags)}::text[], ${assignee}::uuid,
      ${sql.join(newDueValues(userId, input), sql`, `)}, ${newTaskReminders(userId, input)}
    from target where target.role in ${TASK_WRITERS} and target.assignable
      and ${zoneKnown(input.time_zone)}
    returning *
  )
  select target.role, target.assignable, ${zoneKnown(input.time_zone)} as zone_known,
    (select to_jsonb(i) from inserted i) as task,
    (select u.time_zone from users u where u.id = ${userId}) as zone,
    ${audienceOfLists(sql`select list_id from target`)}
  from target`;
}

/** Why a member's create did not happen: the zone first, then the role, then the assignee. */
export function notCreated(row: {
  role: string;
  assignable: boolean;
  zone_known: boolean;
}): Denied {
  if (!row.zone_known) return { status: 'unknown_zone' };
  return row.role === 'viewer' || row.assignable
    ? { status: 'forbidden' }
    : { status: 'bad_assignee' };
}
