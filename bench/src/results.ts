// The shape of bench/results/latest.json, and the goals of issue 6 evaluated on it.
import type { LatencySummary } from './load.ts';
import type { WebFigures } from './web-vitals.ts';

export interface RunResult {
  delayMs: number;
  concurrency: number;
  api: LatencySummary;
  floor: LatencySummary;
  /** API p50 / floor p50 and API p99 / floor p99. */
  ratioP50: number;
  ratioP99: number;
  statuses: Record<string, number>;
}

export interface RouteResult {
  name: string;
  kind: string;
  dataset: 'small' | 'large' | 'writer';
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
    concurrencies: number[];
    delaysMs: number[];
    smallTasks: number;
    largeTasks: number;
    runtime: string;
  };
  routes: RouteResult[];
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
  goals: Goal[];
}

const MIB = 1024 * 1024;
const fmt = (value: number, digits = 2) => value.toFixed(digits);

function findRun(route: RouteResult | undefined, delayMs: number, concurrency: number) {
  return route?.runs.find((run) => run.delayMs === delayMs && run.concurrency === concurrency);
}

/** Evaluates every goal of issue 6 item 2; each is a ratio or a count, never a bare time. */
export function evaluateGoals(results: Omit<BenchResults, 'goals'>): Goal[] {
  const goals: Goal[] = [];
  const delay = Math.max(...results.config.delaysMs);
  for (const route of results.routes) {
    const run = findRun(route, delay, 1);
    const ratio = run?.ratioP50 ?? Number.NaN;
    goals.push({
      name: `overhead ${route.name} (c=1, ${delay} ms delay)`,
      target: 'API p50 ≤ 1.25 × floor p50',
      actual: `${fmt(ratio)}×`,
      pass: ratio <= 1.25,
    });
  }
  for (const kind of ['list', 'search']) {
    const of = (dataset: string) =>
      results.routes.find((r) => r.kind === kind && r.dataset === dataset);
    const small = findRun(of('small'), delay, 1);
    const large = findRun(of('large'), delay, 1);
    const ratio = (large?.api.p50 ?? Number.NaN) / (small?.api.p50 ?? Number.NaN);
    goals.push({
      name: `${kind} p50 at ${results.config.largeTasks} vs ${results.config.smallTasks} tasks`,
      target: '≤ 1.3×',
      actual: `${fmt(ratio)}×`,
      pass: ratio <= 1.3,
    });
  }
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
    name: '`/` JavaScript gzipped',
    target: '≤ 60 KB',
    actual: web ? `${fmt(web.jsGzipBytes / 1000, 1)} KB` : 'not measured',
    pass: web !== null && web.jsGzipBytes <= 60_000,
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
  return goals;
}
