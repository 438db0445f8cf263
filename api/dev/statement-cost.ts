// What a toggle's statement costs the database, sent raw, as a prepared statement's EXECUTE and
// as the call of its kept function (decision 0035), beside the bench's floor for a toggle; on
// PGlite or a throwaway PostgreSQL cluster, behind the local Neon server (decision 0033).
// CLI: `npx tsx api/dev/statement-cost.ts [pglite|postgres]`. Diagnosis, not a test.
import { randomUUID } from 'node:crypto';
import { createDb } from '../src/db/client.ts';
import { createMeter } from '../src/db/meter.ts';
import { updateTask } from '../src/routes/tasks/queries.ts';
import type { Env } from '../src/env.ts';
import { applyMigrations } from './migrate.ts';
import { startNeonLocal } from './neon-local/index.ts';
import { startThrowawayCluster } from './pg-cluster.ts';

const backend = process.argv[2] === 'postgres' ? 'postgres' : 'pglite';
const cluster = backend === 'postgres' ? await startThrowawayCluster() : undefined;
const local = await startNeonLocal({
  dataDir: 'memory',
  quiet: true,
  backend,
  postgresUrl: cluster?.url,
});
await applyMigrations(local.connectionString, { fetchEndpoint: local.url });

/** One raw SQL-over-HTTP exchange, as the bench's floor sends it. */
async function raw(query: string, params: unknown[] = []): Promise<string> {
  const response = await fetch(local.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'neon-connection-string': local.connectionString,
      'neon-raw-text-output': 'true',
      'neon-array-mode': 'true',
    },
    body: JSON.stringify({ query, params }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(text);
  return text;
}

/** The statement `updateTask` sends for a toggle, caught on its way to the server. */
async function toggleStatement(userId: string, id: string) {
  let sent: { query: string; params: unknown[] } | undefined;
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((url: string, init: RequestInit) => {
    sent ??= JSON.parse(String(init.body)) as { query: string; params: unknown[] };
    return realFetch(url, init);
  }) as typeof fetch;
  const env = { DATABASE_URL: local.connectionString, NEON_HTTP_ENDPOINT: local.url };
  const db = createDb({ ...env, DB_TIMEOUT_MS: 5000 } as Env, createMeter());
  await updateTask(db, { userId, id, ifMatch: undefined }, { completed: 'toggle' });
  globalThis.fetch = realFetch;
  return sent!;
}

async function p50(label: string, send: () => Promise<unknown>, n = 400) {
  for (let i = 0; i < 50; i++) await send();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await send();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(18)} p50 ${ms[n >> 1]!.toFixed(2)} ms`);
}

const user = randomUUID();
await raw(
  `insert into users (id, name, email, email_verified, created_at, updated_at)
   values ($1::uuid, 'u', $1::text || '@example.com', false, now(), now())`,
  [user],
);
await raw(
  `insert into tasks (user_id, title) select $1, 'task ' || g from generate_series(1, 1000) g`,
  [user],
);
const id = (
  JSON.parse(await raw('select id from tasks where user_id = $1 limit 1', [user])) as {
    rows: string[][];
  }
).rows[0]![0]!;
const { query, params } = await toggleStatement(user, id);
// EXECUTE takes no bind parameters: its arguments are literals.
const literal = (v: unknown) => (v === null ? 'null' : `'${String(v).replaceAll("'", "''")}'`);
await raw(`prepare toggle as ${query}`);
const execute = `execute toggle(${params.map(literal).join(', ')})`;
// The bench's toggle floor (bench/src/routes.ts) written out: bench imports api, not the reverse,
// and the bench's typecheck cannot take the worker's modules this script needs.
const floor = `update tasks t set completed = not completed,
  completed_at = case when completed then null else now() end, version = version + 1,
  updated_at = now() where id = $1 and exists (select 1 from list_members m
  where m.list_id = t.list_id and m.user_id = $2 and m.role <> 'viewer') returning *`;
// As the worker keeps it (decision 0035): a function made from the text by migration 0019's
// kept_ensure, with the result types of the statement's own answer.
const types = (JSON.parse(await raw(query, params)) as { fields: { dataTypeID: number }[] }).fields;
const name = `kept_${'0'.repeat(24)}`;
await raw('select kept_ensure($1, $2, $3::oid[])', [name, query, types.map((f) => f.dataTypeID)]);
const call = `select * from ${name}(${params.map((_, i) => `$${i + 1}`).join(', ')})`;
console.log(`${backend}: the toggle's statement has ${query.length} characters`);
for (let round = 1; round <= 2; round++) {
  console.log(`round ${round}`);
  await p50('floor', () => raw(floor, [id, user]));
  await p50('toggle, raw', () => raw(query, params));
  await p50('toggle, prepared', () => raw(execute));
  await p50('toggle, kept', () => raw(call, params));
}
const summary = (text: string) => text.match(/(Planning|Execution) Time: [\d.]+ ms/g)?.join(', ');
console.log('raw:', summary(await raw(`explain (analyze, summary) ${query}`, params)));
console.log('prepared:', summary(await raw(`explain (analyze, summary) ${execute}`)));
await local.close();
await cluster?.stop();
