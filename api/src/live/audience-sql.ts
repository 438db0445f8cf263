import { sql, type SQL } from 'drizzle-orm';
import type { Audience } from './poke.ts';

// What a write's own statement returns so the worker can poke everyone it concerns without
// another round trip (decision 0021). Read by the outer query, these see the rows as they were
// before the statement's writes: a member removed by the statement is still among them.

/**
 * The columns `audience_users` and `audience_xid`: members of the lists `listIds` selects, and
 * the users `users` selects (one uuid column), if given.
 */
export const audienceOfLists = (listIds: SQL, users: SQL = sql`select null::uuid where false`) =>
  sql`array(select a.user_id::text from list_members a where a.list_id in (${listIds})
    union select u::text from (${users}) x(u) where u is not null) as audience_users,
  pg_current_xact_id()::text as audience_xid`;

export type AudienceColumns = { audience_users: string[]; audience_xid: string };

export const audienceFrom = (row: AudienceColumns): Audience => ({
  users: row.audience_users,
  xid: row.audience_xid,
});

/** The same as one JSON value, for queries that select named fields (`audience`). */
export const audienceJson = (listIds: SQL) =>
  sql<AudienceColumns>`(select jsonb_build_object('audience_users', coalesce(jsonb_agg(distinct
    a.user_id), '[]'), 'audience_xid', pg_current_xact_id()::text)
    from list_members a where a.list_id in (${listIds}))`;
