// `npm run bench` end to end: stack, accounts and seeded tasks, capture, floor and API runs per
// delay × concurrency, sign-in, bundle and web figures; then latest.json, the table and the chart.
import { cpus } from 'node:os';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderChart } from './chart.ts';
import { createRecorder, createReplayer } from './floor.ts';
import {
  captureRoute,
  measureRun,
  routeResult,
  type Capture,
  type MeasureContext,
} from './measure.ts';
import { renderMarkdown } from './report.ts';
import { evaluateGoals, type BenchResults, type RouteResult } from './results.ts';
import { benchRoutes, BULK_SIZE, type BenchRoute, type Dataset, type Fixtures } from './routes.ts';
import { createAccount, resetTasks, seedTasks, taskIds } from './seed.ts';
import { measureSignIn } from './sign-in.ts';
import { startBenchStack, type BenchStack } from './stack.ts';
import { measureWeb, prepareWeb } from './web-vitals.ts';
import { workerdVersion } from './worker.ts';

export interface BenchOptions {
  requests: number;
  warmup: number;
  smallTasks: number;
  largeTasks: number;
  concurrencies: number[];
  delaysMs: number[];
  signInRequests: number;
  /** Measured loads of `/` (after one warm-up); LCP and CLS are their medians. */
  pageLoads: number;
  /** 'build': build the web for production; 'reuse': measure an existing build if complete. */
  web: 'build' | 'reuse' | 'none';
  outDir: string;
  smoke: boolean;
  log: (line: string) => void;
}

async function prepareFixtures(stack: BenchStack, options: BenchOptions) {
  const db = await stack.connect();
  const counts: Record<Dataset, number> = {
    small: options.smallTasks,
    large: options.largeTasks,
    writer: Math.max(1000, BULK_SIZE * options.requests),
  };
  const run = Date.now().toString(36);
  const accounts = {} as Fixtures['accounts'];
  const ids = {} as Fixtures['ids'];
  for (const dataset of ['small', 'large', 'writer'] as const) {
    accounts[dataset] = await createAccount(
      stack.worker.url,
      `bench-${dataset}-${run}@example.com`,
    );
    await seedTasks(db, accounts[dataset].userId, dataset, counts[dataset], { analyze: false });
    ids[dataset] = await taskIds(db, accounts[dataset].userId);
    options.log(`seeded ${counts[dataset]} tasks for the ${dataset} account`);
  }
  await db.query('ANALYZE tasks');
  return { db, fixtures: { accounts, ids, counts } satisfies Fixtures };
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.versions.node,
    platform: `${process.platform} ${process.arch}`,
  };
}

async function openSession(stack: BenchStack, options: BenchOptions): Promise<MeasureContext> {
  const recorder = createRecorder();
  const [{ db, fixtures }, recorderWorker] = await Promise.all([
    prepareFixtures(stack, options),
    stack.serveCopy(recorder.outbound),
  ]);
  return {
    apiOrigin: stack.worker.url,
    recorderOrigin: recorderWorker.url,
    recorder,
    replay: createReplayer(stack.database.connectionString, stack.database.url),
    fixtures,
    requests: options.requests,
    warmup: options.warmup,
    reset: (d) => resetTasks(db, fixtures.accounts[d].userId, d, fixtures.counts[d]),
    db,
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
  const results = routes.map((r, i) => routeResult(r, captures[i]!, ctx.fixtures));
  for (const delayMs of options.delaysMs) {
    await stack.database.setLatency(delayMs);
    for (const concurrency of options.concurrencies) {
      for (const [i, route] of routes.entries()) {
        const run = await measureRun(route, captures[i]!, ctx, delayMs, concurrency);
        results[i]!.runs.push(run);
        options.log(
          `${delayMs} ms c=${concurrency} ${route.name}: API p50 ${run.api.p50} ms, floor ` +
            `${run.floor.p50} ms → ${run.ratioP50}× (p99 ${run.ratioP99}×)`,
        );
      }
    }
  }
  await stack.database.setLatency(0);
  return results;
}

/** Runs the whole bench and writes its outputs to `options.outDir`; returns the results. */
export async function runBench(options: BenchOptions): Promise<BenchResults> {
  // The production web build is slow and untimed: it overlaps the setup and the capture pass.
  const webBuild = options.web === 'none' ? undefined : prepareWeb(options.web === 'reuse');
  webBuild?.catch(() => undefined); // awaited below; don't let an early failure go unhandled
  const stack = await startBenchStack();
  try {
    const ctx = await openSession(stack, options);
    const routes = benchRoutes(options.smallTasks, options.largeTasks);
    const captures: Capture[] = [];
    for (const route of routes) captures.push(await captureRoute(route, ctx));
    options.log(`captured the SQL of ${routes.length} routes`);
    const webScript = await webBuild;
    const signIn = await measureSignIn(ctx, options.signInRequests);
    const results = await measureAll(stack, ctx, routes, captures, options);
    const account = ctx.fixtures.accounts.small;
    const web = webScript
      ? await measureWeb(stack, webScript, account, options.pageLoads, options.log)
      : null;
    await ctx.db.end();
    const full = assemble(options, stack, {
      routes: results,
      signIn,
      authRoundTrips: Math.max(...captures.map((c) => c.authTrips)),
      web,
    });
    await writeOutputs(full, options.outDir);
    return full;
  } finally {
    await stack.stop();
  }
}

type Measured = Pick<BenchResults, 'routes' | 'signIn' | 'authRoundTrips' | 'web'>;

/** The results file: what was measured, how, on what, and the goals judged on it. */
function assemble(options: BenchOptions, stack: BenchStack, measured: Measured): BenchResults {
  const partial: Omit<BenchResults, 'goals'> = {
    generatedAt: new Date().toISOString(),
    smoke: options.smoke,
    machine: machine(),
    config: {
      requests: options.requests,
      concurrencies: options.concurrencies,
      delaysMs: options.delaysMs,
      smallTasks: options.smallTasks,
      largeTasks: options.largeTasks,
      runtime: `workerd ${workerdVersion()} via Miniflare's own server (no wrangler dev proxy)`,
    },
    ...measured,
    bundle: { rawBytes: stack.bundle.rawBytes, gzipBytes: stack.bundle.gzipBytes },
  };
  return { ...partial, goals: evaluateGoals(partial) };
}

async function writeOutputs(results: BenchResults, outDir: string) {
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
  await writeFile(join(outDir, 'latest.md'), renderMarkdown(results, 'latency.svg'));
  await writeFile(join(outDir, 'latency.svg'), renderChart(results));
}
