import { sql, type SQL } from 'drizzle-orm';
import type { List, ListColor, ListUpdate } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';

/** A list as one row of the queries below; timestamps as Postgres writes them. */
export type ListRow = Omit<List, 'created_at' | 'updated_at'> & {
  created_at: string;
  updated_at: string;
};

export const toList = (row: ListRow): List => ({
  ...row,
  created_at: new Date(row.created_at).toISOString(),
  updated_at: new Date(row.updated_at).toISOString(),
});

/**
 * The API's list from a `lists` row `l` and the caller's member row `m`: member count and
 * pending count are a primary-key range and a primary-key lookup, whatever the list holds.
 */
export const listColumns = sql`l.id, l.name, l.color, m.position, l.archived,
  l.inbox_of is not null as is_inbox, m.role,
  (select count(*)::int from list_members c where c.list_id = l.id) as member_count,
  coalesce((select pending from list_task_counts c where c.list_id = l.id), 0) as pending_count,
  l.created_at, l.updated_at`;

/** The caller's lists in their own order (position, then age). One statement. */
export async function listLists(db: Database, userId: string): Promise<List[]> {
  const result = await db.execute<ListRow>(sql`
    select ${listColumns} from list_members m join lists l on l.id = m.list_id
    where m.user_id = ${userId}
    order by m.position, l.created_at, l.id`);
  return result.rows.map(toList);
}

/** The list if the caller is a member of it, else undefined (missing or foreign: the same). */
export async function getList(db: Database, userId: string, id: string) {
  const result = await db.execute<ListRow>(sql`
    select ${listColumns} from list_members m join lists l on l.id = m.list_id
    where m.user_id = ${userId} and m.list_id = ${id}`);
  const [row] = result.rows;
  return row && toList(row);
}

/** Creates a list owned by the caller, last in their order. One statement. */
export async function createList(
  db: Database,
  userId: string,
  input: { name: string; color: ListColor },
): Promise<{ list: List; audience: Audience }> {
  const result = await db.execute<ListRow & { audience_xid: string }>(sql`
    with l as (
      insert into lists (name, color) values (${input.name}, ${input.color}) returning *
    ), m as (
      insert into list_members (list_id, user_id, role, position)
      select l.id, ${userId}, 'owner', coalesce(
        (select max(position) + 1 from list_members where user_id = ${userId}), 0)
      from l returning *
    )
    select l.id, l.name, l.color, m.position, l.archived, false as is_inbox, m.role,
      1 as member_count, 0 as pending_count, l.created_at, l.updated_at,
      pg_current_xact_id()::text as audience_xid
    from l join m on m.list_id = l.id`);
  const [row] = result.rows;
  if (!row) throw new Error('INSERT … RETURNING gave no list');
  const { audience_xid: xid, ...list } = row;
  return { list: toList(list), audience: { users: [userId], xid } };
}

export type ListWrite =
  | { status: 'ok'; value: List; audience: Audience }
  | { status: 'not_found' | 'forbidden' | 'inbox' };

/** The caller's role and whether the list is an Inbox, read in the statement that writes. */
type Guard = { role: string | null; is_inbox: boolean | null };

function guarded(guard: Guard | undefined, done: boolean, inboxRefused: boolean) {
  if (!guard?.role) return { status: 'not_found' as const };
  if (guard.role !== 'owner') return { status: 'forbidden' as const };
  if (inboxRefused && guard.is_inbox) return { status: 'inbox' as const };
  return done ? undefined : { status: 'not_found' as const };
}

/**
 * Renames, recolours or archives the list (owner only; an Inbox cannot be archived) and sets the
 * caller's own `position` (any member), in one statement whose CTEs see the old rows, so the
 * answer is assembled from what the updates return.
 */
export async function updateList(
  db: Database,
  userId: string,
  id: string,
  changes: ListUpdate,
): Promise<ListWrite> {
  const set: SQL[] = [];
  if (changes.name !== undefined) set.push(sql`name = ${changes.name}`);
  if (changes.color !== undefined) set.push(sql`color = ${changes.color}`);
  if (changes.archived !== undefined) set.push(sql`archived = ${changes.archived}`);
  const listChange = set.length > 0;
  const archives = changes.archived === true;
  const result = await db.execute<Guard & AudienceColumns & { list: ListRow | null }>(sql`
    with me as (
      select role from list_members where list_id = ${id} and user_id = ${userId}
    ), l as (
      update lists set ${sql.join([...set, sql`updated_at = now()`], sql`, `)}
      where id = ${id} and ${listChange}
        and (select role from me) = 'owner' and not (${archives} and inbox_of is not null)
      returning *
    ), m as (
      update list_members set position = coalesce(${changes.position ?? null}::int, position)
      where list_id = ${id} and user_id = ${userId}
        and (not ${listChange} or exists (select from l))
      returning *
    )
    select me.role, (select inbox_of is not null from lists where id = ${id}) as is_inbox,
      (select to_jsonb(v) from (
        select ${listColumns} from m join lists o on o.id = m.list_id
        left join l n on true cross join lateral (select coalesce(n.id, o.id) as id,
          coalesce(n.name, o.name) as name, coalesce(n.color, o.color) as color,
          coalesce(n.archived, o.archived) as archived, o.inbox_of,
          o.created_at, coalesce(n.updated_at, o.updated_at) as updated_at) l
      ) v) as list, ${audienceOfLists(sql`select ${id}::uuid`)}
    from me`);
  const [row] = result.rows;
  const denied = listChange ? guarded(row, row?.list != null, archives) : undefined;
  if (denied) return denied;
  if (!row?.list) return { status: 'not_found' };
  return { status: 'ok', value: toList(row.list), audience: audienceFrom(row) };
}

/** Deletes the list and its tasks (owner only; never an Inbox). One statement. */
export async function deleteList(db: Database, userId: string, id: string) {
  const result = await db.execute<Guard & AudienceColumns & { deleted: boolean }>(sql`
    with me as (
      select role from list_members where list_id = ${id} and user_id = ${userId}
    ), gone as (
      delete from lists where id = ${id} and inbox_of is null
        and (select role from me) = 'owner'
      returning id
    )
    select me.role, (select inbox_of is not null from lists where id = ${id}) as is_inbox,
      exists (select from gone) as deleted, ${audienceOfLists(sql`select ${id}::uuid`)}
    from me`);
  const [row] = result.rows;
  return (
    guarded(row, row?.deleted ?? false, true) ?? {
      status: 'ok' as const,
      audience: audienceFrom(row!),
    }
  );
}
