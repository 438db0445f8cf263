import { neon, neonConfig } from '@neondatabase/serverless';
import { drizzle, type NeonHttpDatabase } from 'drizzle-orm/neon-http';
import type { Env } from '../env.ts';
import { recordRoundTrip, type DbMeter } from './meter.ts';
import * as schema from './schema/index.ts';

export type Database = NeonHttpDatabase<typeof schema>;

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

/** A Drizzle client for one request; every query it runs is counted on `meter`. */
export function createDb(env: Env, meter: DbMeter): Database {
  return drizzle({ client: createSql(env, meter), schema });
}
