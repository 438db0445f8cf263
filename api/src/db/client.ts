import { neon, neonConfig, types, type NeonQueryFunction } from '@neondatabase/serverless';
import {
  createTableRelationsHelpers,
  extractTablesRelationalConfig,
  type ExtractTablesWithRelations,
  type RelationalSchemaConfig,
  type SQL,
} from 'drizzle-orm';
import { NeonHttpDatabase, NeonHttpDriver } from 'drizzle-orm/neon-http';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Env } from '../env.ts';
import { createMeter, recordRoundTrip, type DbMeter } from './meter.ts';
import * as schema from './schema/index.ts';
import { parseTextArray, TEXT_ARRAY_OID } from './text-array.ts';

/** Runs work after the request's answer (`waitUntil`), or simply lets it run where there is none. */
export type Defer = (work: Promise<unknown>) => void;

export type Database = NeonHttpDatabase<typeof schema> & {
  $client: NeonQueryFunction<false, false>;
  /** For statements of the database's own upkeep after the answer, not counted on the request. */
  $keptClient: NeonQueryFunction<false, false>;
  $defer: Defer;
};

// `drizzle({ client, schema })` walks the whole schema on every call; a request's client is new
// (it carries the request's meter), but the dialect and the relational config are the same for
// every request of the isolate, so they are built once here and `createDb` only wires a session.
const dialect = new PgDialect();
const tablesConfig = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
const relationalSchema: RelationalSchemaConfig<ExtractTablesWithRelations<typeof schema>> = {
  fullSchema: schema,
  schema: tablesConfig.tables as ExtractTablesWithRelations<typeof schema>,
  tableNamesMap: tablesConfig.tableNamesMap,
};

// Tags come back as text[] on every task row; the generic array parser is several times slower.
const genericTextArray = types.getTypeParser(TEXT_ARRAY_OID);
types.setTypeParser(TEXT_ARRAY_OID, (value: string) => parseTextArray(value, genericTextArray));

/**
 * Per-request settings smuggled to the fetch function through neon's `fetchOptions`, which the
 * driver spreads into the `fetch` init of every query and batch.
 */
type DbCall = { meter: DbMeter; timeoutMs: number; endpoint: string | undefined };
type DbFetchInit = RequestInit & { dbCall?: DbCall };

/**
 * One global fetch function for the neon driver (it calls `neonConfig.fetchFunction` instead of
 * `fetch` when set). Counting here gives a per-request round-trip tally without AsyncLocalStorage,
 * and the endpoint override is per request rather than a global `neonConfig.fetchEndpoint`, so two
 * envs in one isolate (as the outage tests use) cannot race. The timeout is per round trip.
 */
async function meteredFetch(url: string, init: DbFetchInit = {}): Promise<Response> {
  const { dbCall, ...rest } = init;
  if (!dbCall) return fetch(url, rest);
  const startedAt = Date.now();
  try {
    return await fetch(dbCall.endpoint ?? url, {
      ...rest,
      signal: AbortSignal.timeout(dbCall.timeoutMs),
    });
  } finally {
    recordRoundTrip(dbCall.meter, startedAt);
  }
}
neonConfig.fetchFunction = meteredFetch;

/** A Drizzle `sql` statement's text and parameters, as `db.execute` would send them. */
export const toQuery = (statement: SQL) => dialect.sqlToQuery(statement);

/** The part of the environment a database client reads. */
export type DbTarget = Pick<Env, 'DATABASE_URL' | 'NEON_HTTP_ENDPOINT' | 'DB_TIMEOUT_MS'>;

/** The neon SQL client behind `createDb` (the fidelity suite drives the local server through it). */
export function createSql(target: DbTarget, meter: DbMeter) {
  const dbCall: DbCall = {
    meter,
    timeoutMs: target.DB_TIMEOUT_MS,
    endpoint: target.NEON_HTTP_ENDPOINT,
  };
  return neon(target.DATABASE_URL, { fetchOptions: { dbCall } });
}

/**
 * A Drizzle client for one request; every query it runs is counted on `meter`. `defer` keeps work
 * started for the database's upkeep (kept-statements.ts) alive past the answer.
 */
export function createDb(env: Env, meter: DbMeter, defer: Defer = () => undefined): Database {
  const client = createSql(env, meter);
  // What drizzle() does, minus the per-call schema walk (drizzle-orm/neon-http/driver.js).
  const session = new NeonHttpDriver(client, dialect).createSession(relationalSchema);
  const db = new NeonHttpDatabase(dialect, session, relationalSchema);
  let kept: NeonQueryFunction<false, false> | undefined;
  return Object.assign(db, {
    $client: client,
    get $keptClient() {
      return (kept ??= createSql(env, createMeter()));
    },
    $defer: defer,
  });
}
