// `npm run bench:dev-path [-- --requests 150 --delay 10]`: what `npm run dev` adds to a request.
// One stack (PGlite, the dev default); the same requests go, interleaved one by one at c=1, to the
// worker's own workerd socket (what `npm run bench` measures), to Miniflare's entry worker in
// front of it (Miniflare's usual address), and to `wrangler dev` (what `npm run dev` runs) in
// front of the same database. Prints p50/p99 of each.
import { parseArgs } from 'node:util';
import { freePort, startApi } from '../../scripts/stack.ts';
import { percentile } from './load.ts';
import { createAccount, seedTasks, taskIds } from './seed.ts';
import { startBenchStack } from './stack.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '150' },
    delay: { type: 'string', default: '10' },
  },
});
const requests = Number(values.requests);
const stack = await startBenchStack({ backend: 'pglite' });
const dev = await startApi({ port: await freePort(), vars: stack.bindings, quiet: true });
try {
  const account = await createAccount(stack.worker.url, `dev-path-${Date.now()}@example.com`);
  await seedTasks(stack.sql, account.userId, 'small', 1000);
  const ids = await taskIds(stack.sql, account.userId);
  await stack.database.setLatency(Number(values.delay));
  const headers = { authorization: `Bearer ${account.token}` };
  const paths = {
    'get one': (i: number) => `/api/v1/tasks/${ids[i % ids.length]}`,
    list: () => '/api/v1/tasks',
  };
  const origins = {
    workerd: stack.worker.directUrl,
    'Miniflare entry': stack.worker.url,
    'wrangler dev': dev.url,
  };
  const times = new Map<string, number[]>();
  for (let i = -20; i < requests; i++) {
    for (const [route, path] of Object.entries(paths)) {
      for (const [via, origin] of Object.entries(origins)) {
        const started = performance.now();
        await (await fetch(origin + path(i), { headers })).arrayBuffer();
        const key = `${route} via ${via}`;
        if (i >= 0) times.set(key, [...(times.get(key) ?? []), performance.now() - started]);
      }
    }
  }
  for (const [key, samples] of times) {
    const sorted = samples.sort((a, b) => a - b);
    const [p50, p99] = [percentile(sorted, 50), percentile(sorted, 99)];
    console.log(`${key.padEnd(30)} p50 ${p50.toFixed(2)} ms  p99 ${p99.toFixed(2)} ms`);
  }
} finally {
  await dev.stop();
  await stack.stop();
}
