import { sql, type SQL } from 'drizzle-orm';
import { IDEMPOTENCY_KEYS } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';
import { listMembers } from '../../db/schema/lists.ts';
import { assignable, TASK_WRITERS, targetList } from '../lists/membership.ts';
import { notCreated } from './create-task.ts';
import { runCreate, type CreateParts } from './create-shape.ts';
import { newTaskReminders } from '../reminders/task-reminders.ts';
import type { Denied, NewTask } from './queries.ts';
import { NEW_DUE_ALIASES, NEW_DUE_COLUMNS, newDueValues } from './new-task-due.ts';
import { zoneKnown } from './zoned-sql.ts';
import type { TaskSnapshot } from './task-json.ts';

/** How long a key replays its first response. */
const KEY_TTL = sql.raw(`interval '${IDEMPOTENCY_KEYS.ttlHours} hours'`);
/** Keys of the user kept besides this one: the newest `perUser - 1` others. */
const OTHER_KEYS_KEPT = IDEMPOTENCY_KEYS.perUser - 1;

export type KeyedCreate = {
  /** True when this request inserted the task; false when it replays an earlier one. */
  created: boolean;
  /** The hash of the body the key was first used with. */
  requestHash: string;
  /** The first response's task (a raw `to_jsonb` snapshot). */
  snapshot: TaskSnapshot;
  /** The creator's zone now, which a floating task is read in. */
  creatorZone: string | null;
  /** Who hears of the create (live/poke.ts). */
  audience: Audience;
};

/**
 * Creates a task under an `Idempotency-Key` in one statement. The key row is claimed with
 * `INSERT … ON CONFLICT DO UPDATE`, which in READ COMMITTED waits for a concurrent claimer and then
 * sees its committed row even though that row is newer than this statement's snapshot; the
 * update is a no-op (each column set to itself) unless the key has expired, and RETURNING hands
 * back the winning snapshot. The task is inserted only if the snapshot is ours, so concurrent
 * retries create exactly one task and every loser replays the winner, still in one round trip.
 * Nothing is claimed unless the caller may write tasks of the target list (404 / 403 otherwise).
 */
export async function createTaskOnce(
  db: Database,
  userId: string,
  key: string,
  requestHash: string,
  input: NewTask,
): Promise<{ status: 'ok'; value: KeyedCreate } | Denied> {
  type Row = {
    role: string;
    assignable: boolean;
    zone_known: boolean;
    request_hash: string | null;
    response: TaskSnapshot | null;
    created: boolean;
    zone: string | null;
  } & AudienceColumns;
  const passed: KeyedParts[0] = [userId, key, requestHash, crypto.randomUUID()];
  const result = await runCreate<Row, KeyedParts[0]>(
    db,
    'keyed',
    [passed, input],
    keyedCreateStatement,
  );
  const row = result.rows[0];
  if (!row) return { status: 'not_found' };
  if (!row.response || !row.request_hash) return notCreated(row);
  return {
    status: 'ok',
    value: {
      created: row.created,
      requestHash: row.request_hash,
      snapshot: row.response,
      creatorZone: row.zone,
      audience: audienceFrom(row),
    },
  };
}

/** A keyed create's caller, key, the request's hash and the new task's id; and the task. */
type KeyedParts = CreateParts<[string, string, string, string]>;

/** The statement of `createTaskOnce`, from the caller, the key, its hash, the new id and the task. */
export function keyedCreateStatement([[userId, key, requestHash, id], input]: KeyedParts): SQL {
  const expired = sql`k.created_at < now() - ${KEY_TTL}`;
  const assignee = input.assignee_id ?? null;
  return sql`
    with target as (
      select m.list_id, m.role, ${assignable(assignee, sql`m.list_id`)} as assignable
      from ${listMembers} m
      where m.list_id = ${targetList(userId, input.list_id)} and m.user_id = ${userId}
    ), draft as (
      select ${id}::uuid as id, ${userId}::uuid as user_id, target.list_id,
        case when ${input.completed}::boolean then ${userId}::uuid end as completed_by,
        ${assignee}::uuid as assignee_id, ${input.title}::text as title,
        ${input.description}::text as description, ${input.completed}::boolean as completed,
        case when ${input.completed}::boolean then now()::timestamptz(3) end as completed_at,
        ${input.priority}::task_priority as priority,
        ${sql.join(
          newDueValues(userId, input).map(
            (value, i) => sql`${value} as ${sql.raw(NEW_DUE_ALIASES[i]!)}`,
          ),
          sql`, `,
        )},
        ${sql.param(input.tags)}::text[] as tags,
        ${newTaskReminders(userId, input)} as reminders, 1 as version,
        now()::timestamptz(3) as created_at, now()::timestamptz(3) as updated_at
      from target where target.role in ${TASK_WRITERS} and target.assignable
        and ${zoneKnown(input.time_zone)}
    ), swept as (
      -- Expired keys, and keys older than the user's newest others (at most perUser remain).
      delete from idempotency_keys
      where user_id = ${userId} and key <> ${key} and (created_at < now() - ${KEY_TTL}
        or created_at < (select created_at from idempotency_keys
          where user_id = ${userId} and key <> ${key}
          order by created_at desc offset ${OTHER_KEYS_KEPT - 1} limit 1))
    ), claim as (
      insert into idempotency_keys as k (user_id, key, request_hash, response, created_at)
      select ${userId}, ${key}, ${requestHash}, to_jsonb(draft), now() from draft
      on conflict (user_id, key) do update set
        request_hash = case when ${expired} then excluded.request_hash else k.request_hash end,
        response = case when ${expired} then excluded.response else k.response end,
        created_at = case when ${expired} then excluded.created_at else k.created_at end
      returning k.request_hash, k.response
    ), inserted as (
      insert into tasks (id, user_id, list_id, completed_by, assignee_id, title, description, completed, completed_at, priority,
        ${NEW_DUE_COLUMNS}, tags, reminders, version, created_at, updated_at)
      select draft.* from draft join claim on claim.response->>'id' = draft.id::text
      returning id
    )
    select target.role, target.assignable, ${zoneKnown(input.time_zone)} as zone_known,
      claim.request_hash, claim.response,
      exists (select from inserted) as created,
      (select u.time_zone from users u where u.id = ${userId}) as zone,
      ${audienceOfLists(sql`select list_id from target`)}
    from target left join claim on true`;
}
