// The shape of bench/results/latest.json, and the goals of issues 6 and 9 evaluated on it.
import type { DeviceLatency } from './device-latency.ts';
import type { LatencySummary } from './load.ts';
import { MULTI_LISTS } from './routes.ts';
import type { Backend } from './stack.ts';
import type { WebFigures } from './web-vitals.ts';
import { JS_BUDGET_BYTES } from '../../web/tests/js-budget.ts';

export interface RunResult {
  delayMs: number;
  concurrency: number;
  api: LatencySummary;
  /** The route's minimal statement, sent raw over HTTP to the Neon server. */
  floor: LatencySummary;
  /** With `--own-sql`: the API's own recorded SQL, replayed raw (what its queries cost alone). */
  ownSql?: LatencySummary;
  /** API p50 / floor p50 and API p99 / floor p99. */
  ratioP50: number;
  ratioP99: number;
  statuses: Record<string, number>;
}

export interface RouteResult {
  /** The database behind the Neon server in this run. */
  backend: Backend;
  name: string;
  kind: string;
  dataset: 'small' | 'large' | 'multi' | 'writer' | 'mirror';
  /** `GET /api/v1/tasks?q=…` as sent (ids shortened to `{id}`). */
  request: string;
  /** Tasks the caller owns. */
  tasks: number;
  /** Database round trips per request, from `Server-Timing: db;desc="n"`. */
  roundTrips: number;
  runs: RunResult[];
}

export interface Goal {
  name: string;
  target: string;
  actual: string;
  pass: boolean;
}

export interface BenchResults {
  generatedAt: string;
  smoke: boolean;
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  config: {
    requests: number;
    /** Requests in each goal run (c=1 at the largest delay): its p99 is the 10th-worst of 1,000. */
    goalRequests: number;
    concurrencies: number[];
    delaysMs: number[];
    backends: Backend[];
    smallTasks: number;
    largeTasks: number;
    runtime: string;
  };
  routes: RouteResult[];
  /** Measured on the first backend. */
  signIn: {
    requests: number;
    roundTrips: number;
    apiP50: number;
    floorP50: number;
    /** Sign-in time in workerd beyond its SQL floor: the password hash (plus JWT signing). */
    hashMs: number;
  };
  /** Most round trips one task request spent on auth tables (sessions, users, jwks…). */
  authRoundTrips: number;
  bundle: { rawBytes: number; gzipBytes: number };
  web: WebFigures | null;
  /** Another device of the account sees a create (first backend; bench/src/device-latency.ts). */
  deviceLatency: DeviceLatency | null;
  goals: Goal[];
}

const MIB = 1024 * 1024;

/** The goals are judged at c=1 and the largest delay measured; that cell takes more requests. */
export const goalDelay = (delaysMs: readonly number[]) => Math.max(...delaysMs);
export const isGoalCell = (cell: { delayMs: number; concurrency: number }, delaysMs: number[]) =>
  cell.concurrency === 1 && cell.delayMs === goalDelay(delaysMs);
const fmt = (value: number, digits = 2) => value.toFixed(digits);

function findRun(route: RouteResult | undefined, delayMs: number, concurrency: number) {
  return route?.runs.find((run) => run.delayMs === delayMs && run.concurrency === concurrency);
}

/** Overhead goals of one route on one backend (issue 9 item 4): p50 and p99 against the floor. */
function overheadGoal(route: RouteResult, delay: number): Goal {
  const run = findRun(route, delay, 1);
  const p50 = run?.ratioP50 ?? Number.NaN;
  const p99 = run?.ratioP99 ?? Number.NaN;
  return {
    name: `overhead ${route.name} on ${route.backend} (c=1, ${delay} ms delay)`,
    target: 'API ≤ 1.25 × floor at p50, ≤ 1.5 × at p99',
    actual: `${fmt(p50)}× / ${fmt(p99)}×`,
    pass: p50 <= 1.25 && p99 <= 1.5,
  };
}

/** What a first page at the large size is compared with: the same kind, or a plain list. */
const SMALL_KIND: Record<string, string> = {
  list: 'list',
  search: 'search',
  tag: 'tag',
  'one list': 'list',
  [`across ${MULTI_LISTS} lists`]: 'list',
};

/**
 * The first page at 100,000 tasks must cost about what it costs at 1,000: each large read (one
 * list, several lists, a filter) against the 1,000-task read of its kind, or the plain list.
 */
function scalingGoals(results: Omit<BenchResults, 'goals'>, backend: Backend): Goal[] {
  const delay = goalDelay(results.config.delaysMs);
  const on = results.routes.filter((r) => r.backend === backend);
  const small = (kind: string) => on.find((r) => r.kind === kind && r.dataset === 'small');
  return on
    .filter((r) => r.dataset !== 'small' && SMALL_KIND[r.kind] && small(SMALL_KIND[r.kind]!))
    .map((large) => {
      const base = small(SMALL_KIND[large.kind]!)!;
      const ratio =
        (findRun(large, delay, 1)?.api.p50 ?? Number.NaN) /
        (findRun(base, delay, 1)?.api.p50 ?? Number.NaN);
      return {
        name: `${large.name} p50 vs ${base.name} on ${backend}`,
        target: '≤ 1.3×',
        actual: `${fmt(ratio)}×`,
        pass: ratio <= 1.3,
      };
    });
}

/** Evaluates every goal of issue 6 item 2 and issue 9 item 4; each is a ratio or a count. */
export function evaluateGoals(results: Omit<BenchResults, 'goals'>): Goal[] {
  const delay = goalDelay(results.config.delaysMs);
  const goals = results.routes.map((route) => overheadGoal(route, delay));
  for (const backend of results.config.backends) goals.push(...scalingGoals(results, backend));
  const trips = results.routes.map((r) => r.roundTrips);
  goals.push({
    name: 'round trips per task route',
    target: 'exactly 1',
    actual: [...new Set(trips)].join(', '),
    pass: trips.length > 0 && trips.every((n) => n === 1),
  });
  goals.push({
    name: 'round trips for auth on a task request',
    target: '0',
    actual: String(results.authRoundTrips),
    pass: results.authRoundTrips === 0,
  });
  goals.push({
    name: 'worker bundle gzipped',
    target: '≤ 1 MiB',
    actual: `${fmt(results.bundle.gzipBytes / MIB, 3)} MiB`,
    pass: results.bundle.gzipBytes <= MIB,
  });
  const web = results.web;
  goals.push({
    // The budget's own set, as web/tests/js-budget.test.ts counts it from the build: the files
    // the page's HTML lists. What lazy modules add by network idle is reported beside it.
    name: '`/` JavaScript gzipped, the files its HTML lists',
    target: `≤ ${JS_BUDGET_BYTES / 1024} KB`,
    actual: web ? `${fmt(web.jsGzipBytes / 1024, 1)} KB` : 'not measured',
    pass: web !== null && web.jsGzipBytes <= JS_BUDGET_BYTES,
  });
  goals.push({
    name: 'LCP of `/` with 1,000 tasks',
    target: '≤ 1 s',
    actual: web ? `${fmt(web.lcpMs / 1000)} s` : 'not measured',
    pass: web !== null && web.lcpMs <= 1000,
  });
  goals.push({
    name: 'CLS of `/` with 1,000 tasks',
    target: '≤ 0.05',
    actual: web ? fmt(web.cls, 3) : 'not measured',
    pass: web !== null && web.cls <= 0.05,
  });
  const device = results.deviceLatency;
  goals.push({
    name: 'another device sees a change, p95 (two clients, loopback)',
    target: '≤ 1 s',
    actual: device ? `p50 ${fmt(device.p50)} ms, p95 ${fmt(device.p95)} ms` : 'not measured',
    pass: device !== null && device.p95 <= 1000,
  });
  return goals;
}
