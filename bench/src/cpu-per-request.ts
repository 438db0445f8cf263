// `npm run bench:cpu [-- --bundles dirA,dirB --requests 200 --routes list,toggle --backend pglite]`:
// the CPU time workerd spends per request of each task route, read from the kernel's per-thread
// accounting (`/proc/<pid>/task/*/schedstat`), not from a clock: on a shared machine latency is
// noise, CPU time is not (two copies of one bundle agree within ≈ 5 %). Each bundle (default: the
// tree as it is, bundled once) gets its own workerd and its own accounts; blocks of requests
// alternate between them. A bare worker answering every request with a constant is served beside
// them as the row "workerd alone": the runtime's own HTTP cost, which no change to the API can cut.
// Each cell also gives the median latency of its requests, for A/Bs on a quiet machine.
// Linux only. Diagnosis, not a goal: decision 0032.
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchRoutes, type Dataset, type Fixtures } from './routes.ts';
import { createAccount, listIds, seedTasks, taskIds } from './seed.ts';
import { startBenchStack, TMP_DIR, type Backend, type BenchStack } from './stack.ts';
import { freePort } from '../../scripts/stack.ts';
import { bundleWorker, serveWorker, type ServedWorker, type WorkerBundle } from './worker.ts';

const ROUTES = ['list 1k', 'search 1k', 'tag 1k', 'get one', 'create', 'update', 'toggle', 'bulk'];
const BLOCK = 50;

const { values } = parseArgs({
  options: {
    bundles: { type: 'string' },
    requests: { type: 'string', default: '200' },
    routes: { type: 'string', default: '' },
    backend: { type: 'string', default: 'pglite' },
  },
});

/** Nanoseconds on CPU of every thread of `pid` so far. */
async function cpuNs(pid: number): Promise<number> {
  let total = 0;
  for (const tid of await readdir(`/proc/${pid}/task`)) {
    const stat = await readFile(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').catch(() => '0');
    total += Number(stat.split(' ')[0]);
  }
  return total;
}

/** The workerd processes this process started. */
function workerdPids(): Set<number> {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,comm=']).toString().trim().split('\n');
  const pids = rows.map((row) => row.trim().split(/\s+/));
  return new Set(
    pids
      .filter(([, ppid, comm]) => comm === 'workerd' && Number(ppid) === process.pid)
      .map(([pid]) => Number(pid)),
  );
}

type Target = { label: string; worker: ServedWorker; pid: number; fixtures: Fixtures };

async function serveProcess(stack: BenchStack, bundle: WorkerBundle) {
  const before = workerdPids();
  const worker = await serveWorker({ bundle, port: await freePort(), bindings: stack.bindings });
  const pid = [...workerdPids()].find((p) => !before.has(p));
  if (pid === undefined) throw new Error('cannot find the workerd process');
  return { worker, pid };
}

/** A workerd serving `bundle`, with its own reader and writer accounts. */
async function serveTarget(stack: BenchStack, bundle: WorkerBundle, label: string, n: number) {
  const { worker, pid } = await serveProcess(stack, bundle);
  const accounts = {} as Fixtures['accounts'];
  const ids = {} as Fixtures['ids'];
  const lists = {} as Fixtures['lists'];
  const counts = { small: 1000, writer: 3000 } as Fixtures['counts'];
  for (const dataset of ['small', 'writer'] as const) {
    const email = `cpu-${dataset}-${n}-${Date.now().toString(36)}@example.com`;
    accounts[dataset] = await createAccount(stack.worker.url, email);
    lists[dataset] = await listIds(stack.worker.url, accounts[dataset].token);
    await seedTasks(stack.sql, accounts[dataset].userId, `${dataset}${n}`, counts[dataset], {
      analyze: false,
    });
    ids[dataset] = await taskIds(stack.sql, accounts[dataset].userId);
  }
  for (const dataset of ['large', 'multi', 'mirror'] satisfies Dataset[]) {
    accounts[dataset] = accounts.small;
    ids[dataset] = ids.small;
    lists[dataset] = lists.small;
    counts[dataset] = counts.small;
  }
  return { label, worker, pid, fixtures: { accounts, ids, counts, lists } } satisfies Target;
}

/** A worker that answers every request with a constant page: workerd's own cost per request. */
async function bareBundle(like: WorkerBundle): Promise<WorkerBundle> {
  const dir = join(TMP_DIR, `bare-worker-${process.pid}`);
  await mkdir(dir, { recursive: true });
  const page = JSON.stringify([{ id: 'x' }]);
  await writeFile(
    join(dir, 'index.js'),
    `export class LiveObject { fetch() { return new Response(''); } }\n` +
      `export default { async fetch(request) { await request.arrayBuffer(); ` +
      `return new Response('${page}', { headers: { 'content-type': 'application/json' } }); } };\n`,
  );
  return bundleLike(like, dir);
}

/** Sends one request and reads its answer; resolves to its latency in ms. */
async function send(origin: string, spec: RequestInit & { path: string }) {
  const started = performance.now();
  const response = await fetch(origin + spec.path, spec);
  const text = await response.text();
  if (!response.ok) throw new Error(`${spec.method} ${spec.path} → ${response.status}: ${text}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

const requests = Number(values.requests);
const only = values.routes ? values.routes.split(',') : [];
const routes = benchRoutes(1000, 100_000).filter(
  (r) => ROUTES.includes(r.name) && (only.length === 0 || only.some((o) => r.name.startsWith(o))),
);
const dirs = values.bundles ? values.bundles.split(',') : [];
// This tree's bundle; other bundles (e.g. an older commit's, bundled the same way) share its config.
const own = await bundleWorker(join(TMP_DIR, `cpu-${process.pid}`));
const bundles = dirs.length === 0 ? [own] : dirs.map((dir) => bundleLike(own, resolve(dir)));
const stack = await startBenchStack({
  backend: values.backend as Backend,
  bundle: Promise.resolve(own),
});

function bundleLike(like: WorkerBundle, dir: string): WorkerBundle {
  return { ...like, dir, entry: join(dir, 'index.js') };
}

const targets: Target[] = [];
try {
  for (const [n, bundle] of bundles.entries()) {
    targets.push(await serveTarget(stack, bundle, dirs[n] ?? 'this tree', n));
  }
  const bare = await serveProcess(stack, await bareBundle(own));
  targets.push({ label: 'workerd alone', ...bare, fixtures: targets[0]!.fixtures });
  await stack.sql.query('ANALYZE');
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(1))}`);
  for (const route of routes) {
    const cpu = new Map(targets.map((t) => [t, 0]));
    const latencies = new Map(targets.map((t) => [t, [] as number[]]));
    for (const t of targets) {
      // Warm-up (JIT, the auth snapshot); an update's `If-Match: "1"` may be spent only once.
      if (route.name === 'update') continue;
      for (let i = 0; i < 20; i++)
        await send(t.worker.directUrl, route.request(10 ** 6 + i, t.fixtures, 'w'));
    }
    for (let start = 0; start < requests; start += BLOCK) {
      const order = (start / BLOCK) % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        const before = await cpuNs(t.pid);
        for (let i = start; i < Math.min(requests, start + BLOCK); i++) {
          latencies
            .get(t)!
            .push(await send(t.worker.directUrl, route.request(i, t.fixtures, `cpu-${t.label}`)));
        }
        cpu.set(t, cpu.get(t)! + (await cpuNs(t.pid)) - before);
      }
    }
    const cells = targets.map(
      (t) =>
        `${t.label}: ${(cpu.get(t)! / requests / 1e6).toFixed(3)} ` +
        `(p50 ${median(latencies.get(t)!).toFixed(2)} ms)`,
    );
    console.log(`${route.name.padEnd(10)} CPU ms per request (latency) — ${cells.join(' · ')}`);
  }
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(1))}`);
} finally {
  for (const t of targets) await t.worker.stop();
  await stack.stop();
  for (const dir of [own.dir, join(TMP_DIR, `bare-worker-${process.pid}`)]) {
    await rm(dir, { recursive: true, force: true });
  }
}
