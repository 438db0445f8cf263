// One route, measured the way: a capture pass records the exact SQL of every request
// (and its round trips), then per delay × concurrency the floor replays that SQL and autocannon
// drives the worker with the same requests; writes start each pass from freshly reset rows.
import type { Client } from 'pg';
import type { Recorder, Replayer, SqlCall } from './floor.ts';
import { runHttpLoad, runPool, summarize, type HttpRequestSpec } from './load.ts';
import type { RouteResult, RunResult } from './results.ts';
import type { BenchRoute, Dataset, Fixtures } from './routes.ts';

export interface MeasureContext {
  apiOrigin: string;
  recorderOrigin: string;
  recorder: Recorder;
  replay: Replayer;
  fixtures: Fixtures;
  requests: number;
  warmup: number;
  /** Puts a dataset back as seeded (only writes need it). */
  reset(dataset: Dataset): Promise<void>;
  db: Client;
}

export interface Capture {
  calls: SqlCall[][];
  roundTrips: number;
  /** Most round trips one request spent on auth tables (the JWT must cost none). */
  authTrips: number;
}

const AUTH_TABLES = /\b(users|sessions|accounts|jwks|verifications)\b/i;

/** `Server-Timing: db;dur=3;desc="1", total;dur=9` → 1. */
export function roundTripsOf(serverTiming: string | null): number {
  const match = /(?:^|,)\s*db;[^,]*desc="?(\d+)"?/.exec(serverTiming ?? '');
  if (!match) throw new Error(`no db round trips in Server-Timing: ${serverTiming}`);
  return Number(match[1]);
}

/** Sends one request with fetch; throws unless it succeeded. */
export async function sendSpec(origin: string, spec: HttpRequestSpec): Promise<Response> {
  const response = await fetch(origin + spec.path, spec);
  if (!response.ok) {
    throw new Error(`${spec.method} ${spec.path} → ${response.status}: ${await response.text()}`);
  }
  await response.arrayBuffer();
  return response;
}

/**
 * Runs every request of a route once, sequentially, through the recording worker. A task route
 * must make the same number of round trips every time; `varying` allows otherwise (sign-in's
 * bookkeeping differs between attempts) and reports the most.
 */
export async function captureRoute(
  route: BenchRoute,
  ctx: MeasureContext,
  varying = false,
): Promise<Capture> {
  if (route.writes) await ctx.reset(route.dataset);
  // The first request of an isolate may load signing keys; capture the steady state.
  await sendSpec(ctx.recorderOrigin, route.request(0, ctx.fixtures, 'capture-warm'));
  ctx.recorder.take();
  if (route.writes) await ctx.reset(route.dataset);
  const calls: SqlCall[][] = [];
  const trips = new Set<number>();
  let authTrips = 0;
  for (let i = 0; i < ctx.requests; i++) {
    const response = await sendSpec(ctx.recorderOrigin, route.request(i, ctx.fixtures, 'capture'));
    const recorded = ctx.recorder.take();
    const reported = roundTripsOf(response.headers.get('server-timing'));
    if (reported !== recorded.length) {
      throw new Error(
        `${route.name}: Server-Timing says ${reported} round trips, ${recorded.length} seen`,
      );
    }
    trips.add(reported);
    const touchesAuth = recorded.filter((c) => c.queries.some((q) => AUTH_TABLES.test(q.query)));
    authTrips = Math.max(authTrips, touchesAuth.length);
    calls.push(recorded);
  }
  if (trips.size !== 1 && !varying) {
    throw new Error(`${route.name}: round trips vary: ${[...trips].join(', ')}`);
  }
  return { calls, roundTrips: Math.max(...trips), authTrips };
}

async function floorRun(
  ctx: MeasureContext,
  calls: SqlCall[][],
  concurrency: number,
  amount: number,
) {
  return runPool({ concurrency, amount, task: (i) => ctx.replay(calls[i]!) });
}

async function apiRun(
  ctx: MeasureContext,
  route: BenchRoute,
  concurrency: number,
  amount: number,
  pass: string,
) {
  return runHttpLoad({
    origin: ctx.apiOrigin,
    connections: concurrency,
    amount,
    request: (i) => route.request(i, ctx.fixtures, pass),
  });
}

/** Floor and API for one delay × concurrency, each after a warm-up and (for writes) a reset. */
export async function measureRun(
  route: BenchRoute,
  capture: Capture,
  ctx: MeasureContext,
  delayMs: number,
  concurrency: number,
): Promise<RunResult> {
  const fresh = () => (route.writes ? ctx.reset(route.dataset) : Promise.resolve());
  // autocannon refuses fewer requests than connections.
  const warm = Math.max(concurrency, Math.min(ctx.warmup, ctx.requests));
  await fresh();
  await floorRun(ctx, capture.calls, concurrency, warm);
  await fresh();
  await apiRun(ctx, route, concurrency, warm, `warm-${delayMs}-${concurrency}`);
  await fresh();
  const floor = await floorRun(ctx, capture.calls, concurrency, ctx.requests);
  await fresh();
  const api = await apiRun(ctx, route, concurrency, ctx.requests, `api-${delayMs}-${concurrency}`);
  const failed = Object.keys(api.statuses).filter((s) => !/^2\d\d$/.test(s));
  if (failed.length > 0 || floor.statuses.error) {
    throw new Error(
      `${route.name}: failures (API ${JSON.stringify(api.statuses)}, floor ${JSON.stringify(floor.statuses)})`,
    );
  }
  const apiSummary = summarize(api);
  const floorSummary = summarize(floor);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    delayMs,
    concurrency,
    api: apiSummary,
    floor: floorSummary,
    ratioP50: round(apiSummary.p50 / floorSummary.p50),
    ratioP99: round(apiSummary.p99 / floorSummary.p99),
    statuses: api.statuses,
  };
}

/** A route's result skeleton, filled run by run. */
export function routeResult(route: BenchRoute, capture: Capture, fixtures: Fixtures): RouteResult {
  return {
    name: route.name,
    kind: route.kind,
    dataset: route.dataset,
    request: route.shown,
    tasks: fixtures.counts[route.dataset],
    roundTrips: capture.roundTrips,
    runs: [],
  };
}
