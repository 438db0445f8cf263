// One route, measured the way: a capture pass records the SQL of every request (and its
// round trips) and checks that the floor gives the same answer; then per delay × concurrency the
// floor (the route's minimal statement, raw SQL over HTTP) and the API (keep-alive fetch to the
// worker) run the same requests interleaved one by one; writes start each pass from reset rows.
import type { Recorder, SqlCall } from './floor.ts';
import { interleavedRun, ownSqlRun } from './interleaved.ts';
import { summarize, type HttpRequestSpec, type LoadResult } from './load.ts';
import type { LoadProcess } from './load-process.ts';
import type { RouteResult, RunResult } from './results.ts';
import type { BenchRoute, Dataset, Fixtures } from './routes.ts';
import type { Backend } from './stack.ts';
import type { SqlHttp } from './sql-http.ts';

export interface MeasureContext {
  backend: Backend;
  /** Through Miniflare's entry worker (sign-in, the live feed: they want `CF-Connecting-IP`). */
  apiOrigin: string;
  /** The worker's own socket: where each route's measured requests go. */
  routeOrigin: string;
  recorderOrigin: string;
  recorder: Recorder;
  sql: SqlHttp;
  /** Sends the timed passes from a process of its own (timed-pairs.ts). */
  load: LoadProcess;
  fixtures: Fixtures;
  /** Requests of each capture pass (a run's own count is its cell's). */
  requests: number;
  warmup: number;
  /** Also replay the API's own recorded SQL raw (diagnosis: query cost vs. worker cost). */
  ownSql: boolean;
  /** Puts a dataset back as seeded (only writes need it). */
  reset(dataset: Dataset): Promise<void>;
}

export interface Capture {
  calls: SqlCall[][];
  roundTrips: number;
  /** Most round trips one request spent on auth tables (the JWT must cost none). */
  authTrips: number;
}

/** What the capture pass needs of a route; sign-in has no minimal floor (its SQL is replayed). */
export type CapturedRoute = Omit<BenchRoute, 'floor'> & Partial<Pick<BenchRoute, 'floor'>>;

const AUTH_TABLES = /\b(users|sessions|accounts|jwks|verifications)\b/i;
/**
 * The route's own data. Its one statement may read `users` too (the creator's time zone for due
 * dates): that is the route's round trip, not one spent on authentication.
 */
const DATA_TABLES =
  /\b(tasks|lists|list_members|list_invitations|task_history|idempotency_keys)\b/i;
/**
 * A warm isolate re-reads its signing keys and recent revocations at most every 30 s, after the
 * answer (waitUntil; decision 0011): that round trip belongs to no request, so it is not one.
 */
const AUTH_REFRESH = /\b(jwks|session_revocations)\b/i;
const isAuthRefresh = (call: SqlCall) => call.queries.every((q) => AUTH_REFRESH.test(q));

/** `Server-Timing: db;dur=3;desc="1", total;dur=9` → 1. */
export function roundTripsOf(serverTiming: string | null): number {
  const match = /(?:^|,)\s*db;[^,]*desc="?(\d+)"?/.exec(serverTiming ?? '');
  if (!match) throw new Error(`no db round trips in Server-Timing: ${serverTiming}`);
  return Number(match[1]);
}

/** Sends one request with fetch; throws unless it succeeded. */
export async function sendSpec(
  origin: string,
  spec: HttpRequestSpec,
): Promise<{ response: Response; text: string }> {
  const response = await fetch(origin + spec.path, spec);
  const text = await response.text();
  if (!response.ok) throw new Error(`${spec.method} ${spec.path} → ${response.status}: ${text}`);
  return { response, text };
}

type Row = { id: string };

/** The ids a read answered with: a page's in order (`GET /lists` wraps it in `data`), or one's. */
function answeredIds(text: string): string[] {
  const json = JSON.parse(text) as Row | Row[] | { data: Row[] };
  const rows = Array.isArray(json) ? json : 'data' in json ? json.data : [json];
  return rows.map((row) => row.id);
}

/**
 * A read's floor must find the rows the API answered with, in the same order (a page's floor
 * fetches one row more, as the API does to know whether a next page exists).
 */
async function checkFloorAnswer(route: BenchRoute, ctx: MeasureContext, apiText: string) {
  const statement = route.floor(0, ctx.fixtures, 'check');
  const rows = await ctx.sql.query(statement.query, statement.params);
  const api = answeredIds(apiText);
  const floor = rows.map((row) => row[0]).slice(0, api.length);
  if (api.length === 0 || JSON.stringify(api) !== JSON.stringify(floor)) {
    throw new Error(`${route.name}: the floor's rows differ from the API's answer`);
  }
}

/**
 * Runs every request of a route once, sequentially, through the recording worker. A task route
 * must make the same number of round trips every time; `varying` allows otherwise (sign-in's
 * bookkeeping differs between attempts) and reports the most.
 */
export async function captureRoute(
  route: CapturedRoute,
  ctx: MeasureContext,
  varying = false,
): Promise<Capture> {
  if (route.writes) await ctx.reset(route.dataset);
  // The first request of an isolate may load signing keys; capture the steady state.
  const first = await sendSpec(ctx.recorderOrigin, route.request(0, ctx.fixtures, 'capture-warm'));
  ctx.recorder.take();
  if (route.floor && !route.writes)
    await checkFloorAnswer({ ...route, floor: route.floor }, ctx, first.text);
  if (route.writes) await ctx.reset(route.dataset);
  const calls: SqlCall[][] = [];
  const trips = new Set<number>();
  let authTrips = 0;
  for (let i = 0; i < ctx.requests; i++) {
    const { response } = await sendSpec(
      ctx.recorderOrigin,
      route.request(i, ctx.fixtures, 'capture'),
    );
    const recorded = ctx.recorder.take().filter((call) => !isAuthRefresh(call));
    const reported = roundTripsOf(response.headers.get('server-timing'));
    if (reported !== recorded.length) {
      throw new Error(
        `${route.name}: Server-Timing says ${reported} round trips, ${recorded.length} seen`,
      );
    }
    trips.add(reported);
    const touchesAuth = recorded.filter(
      (c) =>
        c.queries.some((q) => AUTH_TABLES.test(q)) && !c.queries.some((q) => DATA_TABLES.test(q)),
    );
    authTrips = Math.max(authTrips, touchesAuth.length);
    calls.push(recorded);
  }
  if (trips.size !== 1 && !varying) {
    throw new Error(`${route.name}: round trips vary: ${[...trips].join(', ')}`);
  }
  return { calls, roundTrips: Math.max(...trips), authTrips };
}

/**
 * Floor and API for one delay × concurrency, interleaved, after an interleaved warm-up; writes
 * start each pass from freshly reset rows (the API's `writer`, the floor's `mirror`). A write's
 * own SQL replays the API's recorded statements on the API's rows, so it runs after, alone.
 */
export async function measureRun(
  route: BenchRoute,
  capture: Capture,
  ctx: MeasureContext,
  cell: { delayMs: number; concurrency: number; requests: number },
): Promise<RunResult> {
  const { delayMs, concurrency, requests } = cell;
  const fresh = async () => {
    if (!route.writes) return;
    await ctx.reset(route.dataset);
    await ctx.reset('mirror');
  };
  const pass = `${delayMs}-${concurrency}`;
  const warm = Math.max(concurrency, Math.min(ctx.warmup, requests));
  const inline = ctx.ownSql && !route.writes;
  await fresh();
  await interleavedRun(ctx, route, capture, {
    concurrency,
    amount: warm,
    pass: `warm-${pass}`,
    ownSql: inline,
  });
  await fresh();
  const sides = await interleavedRun(ctx, route, capture, {
    concurrency,
    amount: requests,
    pass: `api-${pass}`,
    ownSql: inline,
  });
  let own = sides.ownSql;
  if (ctx.ownSql && route.writes) {
    await fresh();
    own = await ownSqlRun(ctx, capture, concurrency, requests);
  }
  const failed = (side?: LoadResult) =>
    Object.keys(side?.statuses ?? {}).some((status) => !/^2\d\d$/.test(status));
  if (failed(sides.api) || failed(sides.floor) || failed(own)) {
    throw new Error(
      `${route.name}: failures (API ${JSON.stringify(sides.api.statuses)}, floor ${JSON.stringify(sides.floor.statuses)}, own SQL ${JSON.stringify(own?.statuses ?? {})})`,
    );
  }
  const apiSummary = summarize(sides.api);
  const floorSummary = summarize(sides.floor);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    delayMs,
    concurrency,
    api: apiSummary,
    floor: floorSummary,
    ratioP50: round(apiSummary.p50 / floorSummary.p50),
    ratioP99: round(apiSummary.p99 / floorSummary.p99),
    statuses: sides.api.statuses,
    ...(own ? { ownSql: summarize(own) } : {}),
  };
}

/** A route's result skeleton, filled run by run. */
export function routeResult(
  backend: Backend,
  route: BenchRoute,
  capture: Capture,
  fixtures: Fixtures,
): RouteResult {
  return {
    backend,
    name: route.name,
    kind: route.kind,
    dataset: route.dataset,
    request: route.shown,
    tasks: fixtures.counts[route.dataset],
    roundTrips: capture.roundTrips,
    runs: [],
  };
}
