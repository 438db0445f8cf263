// A write statement run as a call of a PL/pgSQL function made from its own text (migration 0019,
// decision 0035). Over neon-http every query is parsed and planned anew on whatever connection
// the endpoint gives it, and a task write's statement (thousands of characters of CTEs) spends as
// long in that as its floor spends in all; a PL/pgSQL body's plans are kept per connection.
// The function is named by a hash of the text, so a changed statement gets a new function and the
// statement builder stays the one definition of the SQL.
import { fillPlaceholders, type Query, type SQL } from 'drizzle-orm';
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

/** `db.execute(statement)`, run as its kept function: the same answer, rows keyed by column. */
export async function executeKept<Row>(
  db: Database,
  statement: SQL,
): Promise<NeonHttpQueryResult<Row>> {
  const { sql: text, params } = toQuery(statement);
  return (await keptQuery(db, text, params, false)) as NeonHttpQueryResult<Row>;
}

async function keptQuery(db: Database, text: string, params: unknown[], arrayMode: boolean) {
  const options = { arrayMode, fullResults: true } as const;
  const entry = await entryOf(text);
  if (entry?.state === 'ready' && entry.call) {
    try {
      return (await db.$client.query(entry.call, params, options)) as Result;
    } catch (error) {
      if (!GONE.has((error as { code?: string }).code ?? '')) throw error;
      entry.state = 'new';
    }
  }
  const result = (await db.$client.query(text, params, options)) as Result;
  if (entry?.state === 'new') make(db, entry, text, params.length, result.fields);
  return result;
}

async function entryOf(text: string): Promise<Entry | undefined> {
  const known = entries.get(text);
  if (known || entries.size >= MAX_KEPT) return known;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = [...new Uint8Array(digest, 0, 12)].map((b) => b.toString(16).padStart(2, '0'));
  const entry: Entry = { name: `kept_${hex.join('')}`, state: 'new' };
  entries.set(text, entry);
  return entry;
}

/**
 * Makes the function after the answer, from the types the statement just answered with. The call
 * names its columns as the statement did (the function's own are `_k1`…, which no statement's
 * column reference can collide with).
 */
function make(db: Database, entry: Entry, text: string, arity: number, fields: FieldDef[]) {
  entry.state = 'making';
  const types = fields.map((field) => field.dataTypeID);
  const columns = fields.map((field, i) => `_k${i + 1} as "${field.name.replaceAll('"', '""')}"`);
  const args = Array.from({ length: arity }, (_, i) => `$${i + 1}`).join(', ');
  const call = `select ${columns.join(', ')} from ${entry.name}(${args})`;
  const made = db.$keptClient
    .query('select kept_ensure($1, $2, $3::oid[]) as ok', [entry.name, text, types], {
      arrayMode: true,
      fullResults: true,
    })
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
