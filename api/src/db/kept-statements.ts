// A write statement run as a call of a PL/pgSQL function made from its own text (migration 0019,
// decision 0035). Over neon-http every query is parsed and planned anew on whatever connection
// the endpoint gives it, and a task write's statement (thousands of characters of CTEs) spends as
// long in that as its floor spends in all; a PL/pgSQL body's plans are kept per connection.
// The function is named by a hash of the text, so a changed statement gets a new function and the
// statement builder stays the one definition of the SQL.
import { fillPlaceholders, sql, type Query, type SQL } from 'drizzle-orm';
import type { FieldDef, FullQueryResults } from '@neondatabase/serverless';
import type { NeonHttpQueryResult } from 'drizzle-orm/neon-http';
import { toQuery, type Database } from './client.ts';
import { buildFromTemplate, type Built, type SlotValue } from './statement-templates.ts';

/** What Drizzle's neon-http session prepares from a select or a write with `returning`. */
type Prepared = { getQuery(): Query; mapResult(result: unknown): unknown };
/** A Drizzle query builder whose rows have named fields (a select, or a write's `returning`). */
type Keepable = PromiseLike<unknown> & { prepare(name: string): unknown };
type Result = FullQueryResults<boolean>;

type Entry = { name: string; call?: string; state: 'new' | 'making' | 'ready' | 'refused' };

/**
 * Planner settings a statement is planned and run with, for its own transaction only. Its function
 * declares them (`CREATE FUNCTION … SET`) beside `plan_cache_mode = force_custom_plan`: the
 * settings exist to steer a plan by the request's own values (list-tasks.ts), which a cached
 * generic plan would not see.
 */
export type PlannerSettings = Readonly<Record<string, string>>;

/** `settings` as one statement of `set_config(name, value, true)` calls. */
export function settingsStatement(settings: PlannerSettings): SQL {
  const calls = Object.entries(settings).map(
    ([name, value]) => sql`set_config(${name}, ${value}, true)`,
  );
  return sql`select ${sql.join(calls, sql`, `)}`;
}

// Per isolate: the statements seen, by text. Bounded, so a statement whose text varied per request
// (a value inlined by mistake) could not make functions without end; past the bound, texts run as
// they are.
const entries = new Map<string, Entry>();
const MAX_KEPT = 512;
// The function is missing (dropped by a migration) or its declared result no longer matches.
const GONE = new Set(['42883', '42804']);

/** A Drizzle select or `returning` write, run as its kept function; the rows as Drizzle maps them. */
export async function runKept<Q extends Keepable>(db: Database, query: Q): Promise<Awaited<Q>> {
  return run(db, prepare(query)) as Promise<Awaited<Q>>;
}

/**
 * As `runKept`, for a statement `build` makes from `values` alone: built once per `shape` and
 * filled with each request's values (statement-templates.ts).
 */
export async function runKeptShape<Q extends Keepable>(
  db: Database,
  shape: string,
  values: SlotValue[],
  build: (values: SlotValue[]) => Q,
): Promise<Awaited<Q>> {
  return run(
    db,
    buildFromTemplate(shape, values, (v) => prepare(build(v))),
  ) as Promise<Awaited<Q>>;
}

function prepare(query: Keepable): Built<Prepared> {
  // neon-http ignores the name: nothing is prepared on the server by this.
  const prepared = query.prepare('kept') as unknown as Prepared;
  const { sql: text, params } = prepared.getQuery();
  return { text, params: fillPlaceholders(params, {}), mapper: prepared };
}

async function run(db: Database, built: Built<Prepared>): Promise<unknown> {
  return built.mapper.mapResult(await keptQuery(db, built.text, built.params, true));
}

/**
 * `db.execute(statement)`, run as its kept function: the same answer, rows keyed by column. With
 * `settings`, as the statement after `settingsStatement(settings)` in one transaction.
 */
export async function executeKept<Row>(
  db: Database,
  statement: SQL,
  settings?: PlannerSettings,
): Promise<NeonHttpQueryResult<Row>> {
  const { sql: text, params } = toQuery(statement);
  return (await keptQuery(db, text, params, false, settings)) as NeonHttpQueryResult<Row>;
}

/**
 * As `executeKept`, for a statement `build` makes from `values` alone: built once per `shape` and
 * filled with each request's values (statement-templates.ts).
 */
export async function executeKeptShape<Row>(
  db: Database,
  shape: string,
  values: SlotValue[],
  build: (values: SlotValue[]) => SQL,
): Promise<NeonHttpQueryResult<Row>> {
  const { text, params } = buildFromTemplate(shape, values, (v) => {
    const query = toQuery(build(v));
    return { text: query.sql, params: query.params, mapper: undefined };
  });
  return (await keptQuery(db, text, params, false)) as NeonHttpQueryResult<Row>;
}

async function keptQuery(
  db: Database,
  text: string,
  params: unknown[],
  arrayMode: boolean,
  settings?: PlannerSettings,
) {
  const options = { arrayMode, fullResults: true } as const;
  const setup = settings && setupOf(settings);
  // The same text with other settings is another function.
  const entry = await entryOf(setup ? text + setup.key : text);
  if (entry?.state === 'ready' && entry.call) {
    try {
      return (await db.$client.query(entry.call, params, options)) as Result;
    } catch (error) {
      if (!GONE.has((error as { code?: string }).code ?? '')) throw error;
      entry.state = 'new';
    }
  }
  const result = setup
    ? await runWith(db, setup.set, text, params, options)
    : ((await db.$client.query(text, params, options)) as Result);
  if (entry?.state === 'new') make(db, entry, text, params.length, result.fields, setup?.pairs);
  return result;
}

/** The statement as it is, after its settings, in one transaction (one round trip). */
async function runWith(
  db: Database,
  set: Query,
  text: string,
  params: unknown[],
  options: { arrayMode: boolean; fullResults: true },
): Promise<Result> {
  const [, result] = await db.$client.transaction(
    [db.$client.query(set.sql, set.params), db.$client.query(text, params)],
    options,
  );
  return result as Result;
}

/**
 * A settings object's parts, worked out once per object (callers pass module constants): the
 * suffix of its statements' keys, the pairs kept_ensure takes (name, value, …) and the
 * `set_config` statement of a raw run.
 */
type Setup = { key: string; pairs: string[]; set: Query };
const setups = new WeakMap<PlannerSettings, Setup>();

function setupOf(settings: PlannerSettings): Setup {
  let setup = setups.get(settings);
  if (!setup) {
    const pairs = [...Object.entries(settings), ['plan_cache_mode', 'force_custom_plan']].flat();
    setup = { key: `\n-- ${pairs.join(' ')}`, pairs, set: toQuery(settingsStatement(settings)) };
    setups.set(settings, setup);
  }
  return setup;
}

async function entryOf(key: string): Promise<Entry | undefined> {
  const known = entries.get(key);
  if (known || entries.size >= MAX_KEPT) return known;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  const hex = [...new Uint8Array(digest, 0, 12)].map((b) => b.toString(16).padStart(2, '0'));
  const entry: Entry = { name: `kept_${hex.join('')}`, state: 'new' };
  entries.set(key, entry);
  return entry;
}

/**
 * Makes the function after the answer, from the types the statement just answered with. The call
 * names its columns as the statement did (the function's own are `_k1`…, which no statement's
 * column reference can collide with).
 */
function make(
  db: Database,
  entry: Entry,
  text: string,
  arity: number,
  fields: FieldDef[],
  pairs: string[] = [],
) {
  entry.state = 'making';
  const types = fields.map((field) => field.dataTypeID);
  const columns = fields.map((field, i) => `_k${i + 1} as "${field.name.replaceAll('"', '""')}"`);
  const args = Array.from({ length: arity }, (_, i) => `$${i + 1}`).join(', ');
  const call = `select ${columns.join(', ')} from ${entry.name}(${args})`;
  const made = db.$keptClient
    .query(
      'select kept_ensure($1, $2, $3::oid[], $4::text[]) as ok',
      [entry.name, text, types, pairs],
      { arrayMode: true, fullResults: true },
    )
    .then(
      (answer) => {
        const ok = answer.rows[0]?.[0] === true;
        Object.assign(entry, ok ? { state: 'ready', call } : { state: 'refused' });
      },
      (error: unknown) => {
        // Nothing is lost: the statement runs as it is and a later request tries again.
        entry.state = 'new';
        console.error('kept statement not made', entry.name, String(error));
      },
    );
  db.$defer(made);
}
