// The bench at toy scale, so the harness cannot rot: every route is captured, replayed and loaded,
// and the outputs have the right shape. No timing is asserted — only structure and counts.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { runBench } from '../src/run-bench.ts';
import type { BenchResults } from '../src/results.ts';
import { TMP_DIR } from '../src/stack.ts';

const outDir = join(TMP_DIR, `smoke-bench-${process.pid}`);
const REQUESTS = 6;
/** The goal's run (c=1 at the delay) takes more samples than the others. */
const GOAL_REQUESTS = 8;

afterAll(() => rm(outDir, { recursive: true, force: true }));

test('bench smoke: every route against its raw floor on both backends, outputs written', async () => {
  const results = await runBench({
    requests: REQUESTS,
    goalRequests: GOAL_REQUESTS,
    warmup: 2,
    smallTasks: 60,
    largeTasks: 600,
    concurrencies: [1, 2],
    delaysMs: [1],
    backends: ['pglite', 'postgres'],
    routes: [],
    ownSql: true,
    signInRequests: 2,
    deviceSamples: 3,
    pageLoads: 1,
    web: 'reuse', // turbo builds the web just before this test (turbo.json)
    outDir,
    smoke: true,
    log: () => undefined,
  });

  const kinds = [
    'list',
    'list',
    'search',
    'search',
    'tag',
    'tag',
    'one list',
    'across 4 lists',
    'lists',
    'get',
    'create',
    'update',
    'toggle',
    'bulk',
  ];
  expect(results.routes.map((r) => `${r.backend} ${r.kind}`)).toEqual([
    ...kinds.map((kind) => `pglite ${kind}`),
    ...kinds.map((kind) => `postgres ${kind}`),
  ]);
  for (const route of results.routes) {
    expect(route.roundTrips, route.name).toBe(1);
    expect(route.runs.map((r) => [r.delayMs, r.concurrency])).toEqual([
      [1, 1],
      [1, 2],
    ]);
    for (const run of route.runs) {
      const requests = run.concurrency === 1 ? GOAL_REQUESTS : REQUESTS;
      expect(run.api.count).toBe(requests);
      expect(run.floor.count).toBe(requests);
      expect(run.ownSql?.count).toBe(requests);
      expect(Object.keys(run.statuses).every((s) => s.startsWith('2'))).toBe(true);
      expect(run.ratioP50).toBeGreaterThan(0);
      expect(Number.isFinite(run.ratioP99)).toBe(true);
    }
  }
  expect(results.authRoundTrips).toBe(0);
  expect(results.signIn.roundTrips).toBeGreaterThan(0);
  expect(results.bundle.gzipBytes).toBeGreaterThan(0);
  expect(results.bundle.gzipBytes).toBeLessThan(results.bundle.rawBytes);
  expect(results.web?.jsFiles).toBeGreaterThan(0);
  expect(results.web?.tasksShown).toBeGreaterThan(0);
  expect(results.web?.lcpMs).toBeGreaterThan(0);

  const goals = new Map(results.goals.map((g) => [g.name, g]));
  expect(goals.get('round trips per task route')?.pass).toBe(true);
  expect(goals.get('round trips for auth on a task request')?.pass).toBe(true);
  expect(goals.get('worker bundle gzipped')?.pass).toBe(true);
  // A second device of the account saw each of the creates through its live socket.
  expect(results.deviceLatency?.samples).toBe(3);
  expect(results.goals.filter((g) => g.name.startsWith('overhead '))).toHaveLength(28);

  const written = JSON.parse(await readFile(join(outDir, 'latest.json'), 'utf8')) as BenchResults;
  expect(written).toEqual(results);
  const markdown = await readFile(join(outDir, 'latest.md'), 'utf8');
  expect(markdown).toContain('| Goal | Target | Measured | |');
  for (const route of results.routes) expect(markdown).toContain(`| ${route.name} |`);
  expect(markdown).toContain('## PGlite');
  expect(markdown).toContain('## PostgreSQL');
  const svg = await readFile(join(outDir, 'latency.svg'), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  // Two bars (API, floor) per route and backend: one c=1 panel per backend at the one delay.
  expect(svg.match(/<rect [^>]*><title>/g)).toHaveLength(results.routes.length * 2);
});
