// EXPLAIN (ANALYZE) of the list and counts statements at 1,000 and at 100,000 tasks, on a
// throwaway PostgreSQL cluster migrated like production (docs/decisions/0008-task-counts.md).
// CLI: `npx tsx api/dev/explain-counts.ts` (needs the PostgreSQL 15 server binaries).
import pg from 'pg';
import { applyMigrations } from './migrate.ts';
import { startNeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster } from './pg-cluster.ts';

const SIZES = [1_000, 100_000];
/** Other accounts, so the counter tables are big enough for the planner to prefer their keys. */
const OTHER_USERS = 2_000;

// The statements of count-tasks.ts and list-tasks.ts (0007: counters keyed by list).
const mine = `(select list_id from list_members where user_id = $1)`;
const counts = `select coalesce(sum(c.pending), 0)::int as pending,
  coalesce(sum(c.completed), 0)::int as completed,
  coalesce((select json_agg(top) from (select tag as name, sum(count)::int as count
    from list_tag_counts where list_id in ${mine} group by tag order by count desc, tag
    limit 100) top), '[]'::json) as tags
  from list_task_counts c where c.list_id in ${mine}`;
const firstPage = `select *, lower(title) from tasks where list_id in ${mine}
  order by created_at desc, id desc limit 51`;
const oldTags = `select tag as name, count(*)::int as count from tasks, unnest(tags) as tag
  where user_id = $1 group by tag order by count(*) desc, tag asc`;

async function seed(db: pg.Client, tasksPerUser: Map<string, number>) {
  for (const [id, n] of tasksPerUser) {
    await db.query(
      `insert into users (id, name, email, email_verified, created_at, updated_at)
       values ($1::uuid, 'u', $1::text || '@example.com', false, now(), now())`,
      [id],
    );
    await db.query(
      `insert into tasks (user_id, title, completed, tags, created_at)
       select $1, 'task ' || g, g % 2 = 0, array['t' || g % 37, 'u' || g % 11],
         now() - g * interval '1 second'
       from generate_series(1, $2::int) g`,
      [id, n],
    );
  }
  await db.query('analyze');
}

async function explain(db: pg.Client, label: string, sql: string, userId: string) {
  const { rows } = await db.query(`explain (analyze, buffers, costs off) ${sql}`, [userId]);
  console.log(`--- ${label}`);
  for (const row of rows as { 'QUERY PLAN': string }[]) console.log(row['QUERY PLAN']);
}

const cluster = await startThrowawayCluster({ database: 'explain' });
const server = await startNeonLocal({ backend: 'postgres', postgresUrl: cluster.url, quiet: true });
const db = new pg.Client({ connectionString: cluster.url });
try {
  await applyMigrations(server.connectionString, { fetchEndpoint: server.url });
  await db.connect();
  const measured = SIZES.map((size) => [crypto.randomUUID(), size] as const);
  const others = Array.from({ length: OTHER_USERS }, () => [crypto.randomUUID(), 20] as const);
  await seed(db, new Map([...measured, ...others]));
  for (const [userId, size] of measured) {
    console.log(`\n=== ${size.toLocaleString('en')} tasks`);
    await explain(db, 'GET /tasks/counts', counts, userId);
    await explain(db, 'GET /tasks (first page)', firstPage, userId);
    await explain(db, 'the aggregate GET /tags used to run', oldTags, userId);
  }
} finally {
  await db.end();
  await server.close();
  await cluster.stop();
}
