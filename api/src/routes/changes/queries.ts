import { sql, type SQL } from 'drizzle-orm';
import {
  compareChangeCursors,
  encodeChangeCursor,
  type Change,
  type ChangeCursor,
  type ChangeEntity,
  type ChangePage,
  type Invitation,
  type List,
  type ListMember,
} from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { invitationJoins, invitationJson, toInvitation } from '../invitations/queries.ts';
import { listColumns, toList, type ListRow } from '../lists/queries.ts';
import { snapshotToRecord, toTask, type TaskSnapshot } from '../tasks/task-json.ts';

/** One page of the feed: the changes, where the page ended, the horizon, whether more wait. */
type ChangeRows = {
  changes: Change[];
  /** Where the next page starts when `hasMore`, else undefined. */
  next: { xid: string; seq: string } | undefined;
  /** Oldest transaction still running: everything before it is delivered when `!hasMore`. */
  horizon: string;
  hasMore: boolean;
};

type Entry = { entity: ChangeEntity; id: string; data: unknown };
type PageRow = {
  horizon: string;
  fetched: number;
  last_xid: string | null;
  last_seq: string | null;
  changes: Entry[];
};

/**
 * The entity's state as the caller may see it now, as JSON, or null: deleted, or no longer the
 * caller's to see (the tombstone). Each kind is the REST answer's own row.
 */
/** A membership as `GET /lists/{id}/members` shows it, plus its list: `list_members o`, `users u`. */
const memberJson = sql`jsonb_build_object('list_id', o.list_id, 'user_id', u.id, 'email', u.email,
  'name', u.name, 'role', o.role)`;

function currentState(userId: string): SQL {
  return sql`case e.entity
    when 'task' then (select to_jsonb(t) from tasks t where t.id = e.entity_id::uuid
      and exists (select from list_members m where m.list_id = t.list_id and m.user_id = ${userId}))
    when 'list' then (select to_jsonb(v) from (select ${listColumns}
      from list_members m join lists l on l.id = m.list_id
      where m.user_id = ${userId} and m.list_id = e.entity_id::uuid) v)
    when 'membership' then (select ${memberJson} from list_members o join users u on u.id = o.user_id
      where o.list_id = split_part(e.entity_id, ':', 1)::uuid
        and o.user_id = split_part(e.entity_id, ':', 2)::uuid
        and exists (select from list_members m where m.list_id = o.list_id and m.user_id = ${userId}))
    when 'invitation' then (select ${invitationJson} from list_invitations i ${invitationJoins}
      where i.id = e.entity_id::uuid and (i.email = (select email from users where id = ${userId})
        or exists (select from list_members m where m.list_id = i.list_id
          and m.user_id = ${userId} and m.role = 'owner')))
    end`;
}

/** The REST shape of an entity's JSON row. */
function asRest(entry: Entry): Change {
  const { entity, id, data } = entry;
  if (data === null) return { entity, id, op: 'delete' };
  switch (entity) {
    case 'task':
      return { entity, id, op: 'upsert', data: toTask(snapshotToRecord(data as TaskSnapshot)) };
    case 'list':
      return { entity, id, op: 'upsert', data: toList(data as ListRow) as List };
    case 'membership':
      return { entity, id, op: 'upsert', data: data as ListMember };
    case 'invitation':
      return { entity, id, op: 'upsert', data: toInvitation(data as Invitation) };
  }
}

/**
 * The caller's changes from `from` on, in one statement. Only rows of transactions older than the
 * snapshot's xmin are read: every such transaction has ended, so no row can still appear behind
 * the page (a transaction that commits late holds the horizon back until it does). Rows of one
 * entity collapse into one entry carrying its current state, placed at its latest row.
 */
async function listChanges(
  db: Database,
  userId: string,
  from: Pick<ChangeCursor, 'xid' | 'seq'>,
  limit: number,
): Promise<ChangeRows> {
  const result = await db.execute<PageRow>(sql`
    with h as (select pg_snapshot_xmin(pg_current_snapshot()) as horizon),
    fetched as (
      select c.xid, c.seq, c.entity, c.entity_id from changes c, h
      where c.user_id = ${userId} and (c.xid, c.seq) >= (${from.xid}::xid8, ${from.seq}::bigint)
        and c.xid < h.horizon
      order by c.xid, c.seq limit ${limit + 1}
    ), page as (
      select * from fetched order by xid, seq limit ${limit}
    ), latest as (
      select distinct on (entity, entity_id) * from page
      order by entity, entity_id, xid desc, seq desc
    ), last as (
      -- Ordered by the columns, not by their text (ORDER BY would pick an output alias first).
      select p.xid::text as last_xid, p.seq::text as last_seq from page p
      order by p.xid desc, p.seq desc limit 1
    )
    select h.horizon::text as horizon, (select count(*)::int from fetched) as fetched,
      (select last_xid from last) as last_xid, (select last_seq from last) as last_seq,
      coalesce((select jsonb_agg(jsonb_build_object('entity', e.entity, 'id', e.entity_id,
        'data', ${currentState(userId)}) order by e.xid, e.seq) from latest e), '[]') as changes
    from h`);
  const row = result.rows[0]!;
  const hasMore = row.fetched > limit;
  return {
    changes: row.changes.map(asRest),
    next: hasMore
      ? { xid: row.last_xid!, seq: (BigInt(row.last_seq!) + 1n).toString() }
      : undefined,
    horizon: row.horizon,
    hasMore,
  };
}

/** The current horizon: where a client that has just read everything starts following. */
async function currentHorizon(db: Database): Promise<string> {
  const result = await db.execute<{ horizon: string }>(
    sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`,
  );
  return result.rows[0]!.horizon;
}

/**
 * One page of the caller's feed after `from`, or, without `from`, no changes and the current
 * position. Mid-backlog the cursor keeps the age of what it has not delivered yet (the retention
 * check); once caught up it is dated now.
 */
export async function readFeed(
  db: Database,
  userId: string,
  from: ChangeCursor | undefined,
  limit: number,
  issuedAt = Math.floor(Date.now() / 1000),
): Promise<ChangePage> {
  if (!from) {
    const cursor = encodeChangeCursor({ xid: await currentHorizon(db), seq: '0', issuedAt });
    return { changes: [], cursor, has_more: false };
  }
  const page = await listChanges(db, userId, from, limit);
  const reached = { xid: page.horizon, seq: '0', issuedAt };
  const next = page.next
    ? { ...page.next, issuedAt: from.issuedAt }
    : compareChangeCursors(reached, from) >= 0
      ? reached
      : { ...from, issuedAt };
  return { changes: page.changes, cursor: encodeChangeCursor(next), has_more: page.hasMore };
}
