// `npm run dev`: the whole product on this machine — local Neon server (PGlite unless
// NEON_LOCAL_PG_URL names a PostgreSQL server), the API under `wrangler dev`, the web under vite.
// Ctrl-C stops all three and leaves no process listening (scripts/dev.test.ts checks it).
import { join } from 'node:path';
import {
  localWorkerVars,
  ROOT,
  startApi,
  startDatabase,
  startPushService,
  startScheduler,
  startWeb,
  type Stopper,
} from './stack.ts';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ports = {
  database: port('NEON_LOCAL_PORT', 4444),
  api: port('API_PORT', 8787),
  web: port('WEB_PORT', 5173),
  push: port('PUSH_STANDIN_PORT', 4445),
};
const webOrigin = `http://127.0.0.1:${ports.web}`;
// Every part is tracked from the moment its process exists, not once it answers: a Ctrl-C while
// one is still starting stops it too.
const running: Stopper[] = [];
const track = (part: Stopper) => void running.push(part);
let stopped: Promise<never> | undefined;

// A terminal's Ctrl-C reaches this process twice (from the group and relayed by tsx): the second
// signal waits for the first stop instead of exiting halfway through it.
function stopAll(code: number): Promise<never> {
  stopped ??= (async () => {
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
    process.exit(code);
  })();
  return stopped;
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const latency = process.env.NEON_LOCAL_LATENCY_MS;
  const database = await startDatabase({
    port: ports.database,
    postgresUrl: process.env.NEON_LOCAL_PG_URL,
    dataDir: process.env.NEON_LOCAL_DATA_DIR ?? join(ROOT, '.data', 'pglite'),
    latencyMs: latency ? Number(latency) : undefined,
  });
  track(database);
  const vars = { ...localWorkerVars(webOrigin), ...database.vars };
  const push = await startPushService(ports.push);
  track(push);
  const api = await startApi({ port: ports.api, vars, track, testScheduled: true });
  // The reminder scheduler, every minute (decision 0020).
  track(startScheduler(api.url));
  const web = await startWeb({ port: ports.web, apiOrigin: api.url, track });
  console.log(
    `\n  web  ${web.url}\n  api  ${api.url}/api/v1/health\n  db   ${database.server.url}\n` +
      `  push ${push.url}/messages (the stand-in push service)\n`,
  );
  console.log('  Ctrl-C stops everything.\n');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
