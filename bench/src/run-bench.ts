// `npm run bench` end to end, once per backend (PGlite, then PostgreSQL): stack, accounts and
// seeded tasks, capture, floor and API runs per delay × concurrency; sign-in, bundle and web
// figures on the first backend; then latest.json, the table and the chart.
import { cpus } from 'node:os';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderChart } from './chart.ts';
import { startLoadProcess, type LoadProcess } from './load-process.ts';
import { createRecorder } from './floor.ts';
import {
  captureRoute,
  measureRun,
  routeResult,
  type Capture,
  type MeasureContext,
} from './measure.ts';
import { renderMarkdown } from './report.ts';
import { evaluateGoals, isGoalCell, type BenchResults, type RouteResult } from './results.ts';
import {
  benchRoutes,
  BULK_SIZE,
  MULTI_LISTS,
  type BenchRoute,
  type Dataset,
  type Fixtures,
} from './routes.ts';
import {
  createAccount,
  createLists,
  listIds,
  logIn,
  resetTasks,
  seedTasks,
  taskIds,
} from './seed.ts';
import { measureSignIn, type SignInResult } from './sign-in.ts';
import { measureDeviceLatency, type DeviceLatency } from './device-latency.ts';
import { startBenchStack, TMP_DIR, type Backend, type BenchStack } from './stack.ts';
import { measureWeb, prepareWeb, type WebFigures } from './web-vitals.ts';
import { bundleWorker, workerdVersion, type WorkerBundle } from './worker.ts';

export interface BenchOptions {
  /** Requests per run (and per capture pass). */
  requests: number;
  /** Requests in each goal run, c=1 at the largest delay: a p99 wants ten tail samples. */
  goalRequests: number;
  warmup: number;
  smallTasks: number;
  largeTasks: number;
  concurrencies: number[];
  delaysMs: number[];
  /** Each gets its own stack, in this order; sign-in and the web are measured on the first. */
  backends: Backend[];
  /** Only the routes whose name starts with one of these (all when empty). */
  routes: string[];
  /** Also replay each request's own recorded SQL raw (diagnosis; off in the reported run). */
  ownSql: boolean;
  signInRequests: number;
  /** Creates timed until a second device of the account sees them (default 100). */
  deviceSamples?: number;
  /** Measured loads of `/` (after one warm-up); LCP and CLS are their medians. */
  pageLoads: number;
  /** 'build': build the web for production; 'reuse': measure an existing build if complete. */
  web: 'build' | 'reuse' | 'none';
  outDir: string;
  smoke: boolean;
  log: (line: string) => void;
}

const DATASETS: Dataset[] = ['small', 'large', 'multi', 'writer', 'mirror'];

async function prepareFixtures(stack: BenchStack, options: BenchOptions) {
  const db = stack.sql;
  const writes = Math.max(1000, BULK_SIZE * Math.max(options.requests, options.goalRequests));
  const counts: Record<Dataset, number> = {
    small: options.smallTasks,
    large: options.largeTasks,
    multi: options.largeTasks,
    writer: writes,
    mirror: writes,
  };
  const run = Date.now().toString(36);
  const accounts = {} as Fixtures['accounts'];
  const ids = {} as Fixtures['ids'];
  const lists = {} as Fixtures['lists'];
  for (const dataset of DATASETS) {
    const account = await createAccount(stack.worker.url, `bench-${dataset}-${run}@example.com`);
    if (dataset === 'multi') {
      const names = Array.from({ length: MULTI_LISTS - 1 }, (_, n) => `List ${n + 1}`);
      await createLists(stack.worker.url, account.token, names);
    }
    accounts[dataset] = account;
    lists[dataset] = await listIds(stack.worker.url, account.token);
    const into = dataset === 'multi' ? lists[dataset] : [];
    await seedTasks(db, account.userId, dataset, counts[dataset], { analyze: false, lists: into });
    ids[dataset] = await taskIds(db, account.userId);
    options.log(`${stack.backend}: seeded ${counts[dataset]} tasks for the ${dataset} account`);
  }
  await db.query('ANALYZE');
  return { accounts, ids, counts, lists } satisfies Fixtures;
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function openSession(
  stack: BenchStack,
  load: LoadProcess,
  options: BenchOptions,
): Promise<MeasureContext> {
  const recorder = createRecorder();
  const [fixtures, recorderWorker] = await Promise.all([
    prepareFixtures(stack, options),
    stack.serveCopy(recorder.outbound),
  ]);
  return {
    backend: stack.backend,
    apiOrigin: stack.worker.url,
    routeOrigin: stack.worker.directUrl,
    recorderOrigin: recorderWorker.url,
    recorder,
    sql: stack.sql,
    load,
    fixtures,
    // Replaying a write's own SQL needs a recorded call per request (a create's key is unique).
    requests: options.ownSql ? Math.max(options.requests, options.goalRequests) : options.requests,
    warmup: options.warmup,
    ownSql: options.ownSql,
    reset: (d) => resetTasks(stack.sql, fixtures.accounts[d].userId, d, fixtures.counts[d]),
  };
}

/** Access tokens live 15 minutes and a loaded run can take longer: sign in again after 10. */
const TOKEN_REFRESH_MS = 10 * 60_000;

function tokenRefresher(stack: BenchStack, fixtures: Fixtures) {
  let signedInAt = Date.now();
  return async () => {
    if (Date.now() - signedInAt < TOKEN_REFRESH_MS) return;
    for (const account of Object.values(fixtures.accounts)) {
      account.token = await logIn(stack.worker.url, account.email);
    }
    signedInAt = Date.now();
  };
}

/** Every route at every delay × concurrency, delays outermost (setting one is global). */
async function measureAll(
  stack: BenchStack,
  ctx: MeasureContext,
  routes: BenchRoute[],
  captures: Capture[],
  options: BenchOptions,
): Promise<RouteResult[]> {
  const results = routes.map((r, i) => routeResult(stack.backend, r, captures[i]!, ctx.fixtures));
  const refreshTokens = tokenRefresher(stack, ctx.fixtures);
  for (const delayMs of options.delaysMs) {
    await stack.database.setLatency(delayMs);
    for (const concurrency of options.concurrencies) {
      for (const [i, route] of routes.entries()) {
        await refreshTokens();
        const goal = isGoalCell({ delayMs, concurrency }, options.delaysMs);
        const requests = goal ? options.goalRequests : options.requests;
        const run = await measureRun(route, captures[i]!, ctx, { delayMs, concurrency, requests });
        results[i]!.runs.push(run);
        const own = run.ownSql ? `, own SQL ${run.ownSql.p50} ms` : '';
        options.log(
          `${stack.backend} ${delayMs} ms c=${concurrency} ${route.name}: API p50 ${run.api.p50} ` +
            `ms, floor ${run.floor.p50} ms${own} → ${run.ratioP50}× (p99 ${run.ratioP99}×)`,
        );
      }
    }
  }
  await stack.database.setLatency(0);
  return results;
}

interface BackendMeasured {
  routes: RouteResult[];
  authTrips: number;
  signIn?: SignInResult;
  device?: DeviceLatency;
  web?: WebFigures | null;
  bundle: WorkerBundle;
}

/** One backend's stack, start to stop: routes always; sign-in and the web when asked. */
async function measureBackend(
  backend: Backend,
  options: BenchOptions,
  bundle: Promise<WorkerBundle>,
  extras: { webScript?: Promise<string | undefined> } | undefined,
): Promise<BackendMeasured> {
  const stack = await startBenchStack({ backend, bundle });
  const load = await startLoadProcess().catch(async (error: unknown) => {
    await stack.stop();
    throw error;
  });
  try {
    const ctx = await openSession(stack, load, options);
    const routes = benchRoutes(options.smallTasks, options.largeTasks).filter(
      (r) => options.routes.length === 0 || options.routes.some((name) => r.name.startsWith(name)),
    );
    const captures: Capture[] = [];
    for (const route of routes) captures.push(await captureRoute(route, ctx));
    options.log(`${backend}: captured the SQL of ${routes.length} routes`);
    const webScript = await extras?.webScript;
    const signIn = extras ? await measureSignIn(ctx, options.signInRequests) : undefined;
    const results = await measureAll(stack, ctx, routes, captures, options);
    const account = ctx.fixtures.accounts.small;
    const web = webScript
      ? await measureWeb(stack, webScript, account, options.pageLoads, options.log)
      : null;
    // Last: its creates add tasks to the small account the page loads above measure.
    // At the largest database delay measured: each sample makes three round trips or more.
    await stack.database.setLatency(Math.max(...options.delaysMs));
    const device = extras
      ? await measureDeviceLatency(ctx.apiOrigin, account, options.deviceSamples ?? 100)
      : undefined;
    await stack.database.setLatency(0);
    const authTrips = Math.max(0, ...captures.map((c) => c.authTrips));
    return { routes: results, authTrips, signIn, web, device, bundle: stack.bundle };
  } finally {
    await load.stop();
    await stack.stop();
  }
}

/** Runs the whole bench and writes its outputs to `options.outDir`; returns the results. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  // The production web build is slow and untimed: it overlaps the setup and the capture pass.
  const webBuild = options.web === 'none' ? undefined : prepareWeb(options.web === 'reuse');
  webBuild?.catch(() => undefined); // awaited below; don't let an early failure go unhandled
  // One bundle for every backend: the same code is measured on each.
  const bundle = bundleWorker(join(TMP_DIR, `worker-${process.pid}`));
  bundle.catch(() => undefined);
  const measured: BackendMeasured[] = [];
  try {
    for (const [n, backend] of options.backends.entries()) {
      const extras = n === 0 ? { webScript: webBuild } : undefined;
      measured.push(await measureBackend(backend, options, bundle, extras));
    }
  } finally {
    await bundle.then((b) => rm(b.dir, { recursive: true, force: true })).catch(() => undefined);
  }
  const first = measured[0]!;
  const full = assemble(options, first.bundle, {
    routes: measured.flatMap((m) => m.routes),
    signIn: first.signIn!,
    authRoundTrips: Math.max(...measured.map((m) => m.authTrips)),
    web: first.web ?? null,
    deviceLatency: first.device ?? null,
  });
  await writeOutputs(full, options.outDir);
  return full;
}

type Measured = Pick<
  BenchResults,
  'routes' | 'signIn' | 'authRoundTrips' | 'web' | 'deviceLatency'
>;

/** The results file: what was measured, how, on what, and the goals judged on it. */
function assemble(options: BenchOptions, bundle: WorkerBundle, measured: Measured): BenchResults {
  const partial: Omit<BenchResults, 'goals'> = {
    generatedAt: new Date().toISOString(),
    smoke: options.smoke,
    machine: machine(),
    config: {
      requests: options.requests,
      goalRequests: options.goalRequests,
      concurrencies: options.concurrencies,
      delaysMs: options.delaysMs,
      backends: options.backends,
      smallTasks: options.smallTasks,
      largeTasks: options.largeTasks,
      runtime: `workerd ${workerdVersion()}, the worker's own socket (no Miniflare entry worker, no wrangler dev proxy)`,
    },
    ...measured,
    bundle: { rawBytes: bundle.rawBytes, gzipBytes: bundle.gzipBytes },
  };
  return { ...partial, goals: evaluateGoals(partial) };
}

async function writeOutputs(results: BenchResults, outDir: string) {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(outDir, 'latest.md'), renderMarkdown(results, 'latency.svg'));
  await writeFile(join(outDir, 'latency.svg'), renderChart(results));
}
