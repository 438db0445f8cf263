import { sql, type SQL } from 'drizzle-orm';
import { CHANGE_RETENTION_DAYS } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { executeKept } from '../../db/kept-statements.ts';
import { tasks } from '../../db/schema/tasks.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { canWriteTasks, isMember, TASK_WRITERS } from '../lists/membership.ts';
import { readOnlyAmong } from './bulk-queries.ts';
import type { TaskSnapshot } from './task-json.ts';

// The restore of deleted tasks (decision 0034): each comes back from `deleted_tasks` as it was
// deleted, with the same id, its history and its reminders' sent state, in one statement.

/** What a restore found: the tasks it brought back, and those of the ids live and writable. */
export type RestoreOutcome =
  | { status: 'ok'; restored: TaskSnapshot[]; live: TaskSnapshot[]; audience: Audience }
  | { status: 'forbidden' };

const userExists = (id: SQL) => sql`exists (select from users u where u.id = ${id})`;

/**
 * The archived row as it is inserted again: one version on, updated now, without an assignee
 * who left the list or a completer whose account is gone (neither may fail a foreign key).
 */
const revived = sql`a.task || jsonb_build_object(
  'version', (a.task->>'version')::int + 1, 'updated_at', now(),
  'assignee_id', case when ${isMember(sql`(a.task->>'assignee_id')::uuid`, sql`a.list_id`)}
    then a.task->'assignee_id' end,
  'completed_by', case when ${userExists(sql`(a.task->>'completed_by')::uuid`)}
    then a.task->'completed_by' end)`;

/**
 * The archives of `ids` in lists the caller belongs to, within the retention (30 days, the
 * feed's), with the caller's role. A task whose creator's account is gone is left out: the
 * account's deletion would have taken it had it been live.
 */
const archives = (userId: string, ids: string[]) => sql`
  select a.task_id, a.list_id, a.task, a.history, a.schedule, m.role
  from deleted_tasks a join list_members m on m.list_id = a.list_id and m.user_id = ${userId}
  where a.task_id = any(${sql.param(ids)}::uuid[])
    and a.deleted_at > now() - make_interval(days => ${CHANGE_RETENTION_DAYS})
    and ${userExists(sql`(a.task->>'user_id')::uuid`)}`;

/**
 * The history rows and the reminder schedule go back with each restored task. The schedule's
 * `sent_for` is what keeps a sent reminder from being sent again: the insert trigger's
 * reschedule (migration 0010) keeps the claim of an occurrence that is already there.
 */
const companions = sql`
  history as (
    insert into task_history
    select h.* from restored r join archive a on a.task_id = r.id
      cross join jsonb_array_elements(a.history) e
      cross join lateral jsonb_populate_record(null::task_history, e || jsonb_build_object(
        'completed_by', case when ${userExists(sql`(e->>'completed_by')::uuid`)}
          then e->'completed_by' end)) h
    on conflict do nothing
  ),
  schedule as (
    insert into reminder_schedule
    select s.* from restored r join archive a on a.task_id = r.id
      cross join jsonb_array_elements(a.schedule) e
      cross join lateral jsonb_populate_record(null::reminder_schedule, e) s
    where ${userExists(sql`s.user_id`)}
    on conflict do nothing
  )`;

/**
 * Restores those of `ids` archived in lists the caller may write, nothing at all if one of them
 * (archived or live) is in a list the caller may only read. The outer query reads the snapshot
 * from before the statement: `live` are the ids that were live and writable already.
 */
export async function restoreTasks(
  db: Database,
  userId: string,
  ids: string[],
): Promise<RestoreOutcome> {
  type Row = AudienceColumns & {
    read_only: boolean;
    restored: TaskSnapshot[];
    live: TaskSnapshot[];
  };
  const result = await executeKept<Row>(
    db,
    sql`
    with archive as (${archives(userId, ids)}),
    guard as (select exists (select from archive where role not in ${TASK_WRITERS})
      or ${readOnlyAmong(userId, ids)} as read_only),
    restored as (
      insert into ${tasks}
      select t.* from archive a cross join lateral jsonb_populate_record(null::tasks, ${revived}) t
      where a.role in ${TASK_WRITERS} and not (select read_only from guard)
      on conflict (id) do nothing
      returning id, list_id, to_jsonb(tasks) as task
    ),
    ${companions},
    removed as (delete from deleted_tasks d using restored r where d.task_id = r.id)
    select (select read_only from guard) as read_only,
      coalesce((select jsonb_agg(task) from restored), '[]'::jsonb) as restored,
      coalesce((select jsonb_agg(to_jsonb(t)) from ${tasks} t
        where t.id = any(${sql.param(ids)}::uuid[]) and ${canWriteTasks(userId, sql`t.list_id`)}),
        '[]'::jsonb) as live,
      ${audienceOfLists(sql`select list_id from restored`)}`,
  );
  const [row] = result.rows;
  if (!row || row.read_only) return { status: 'forbidden' };
  const { restored, live } = row;
  return { status: 'ok', restored, live, audience: audienceFrom(row) };
}
