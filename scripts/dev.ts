// `npm run dev`: the whole product on this machine — local Neon server (PGlite unless
// NEON_LOCAL_PG_URL names a PostgreSQL server), the API under `wrangler dev`, the web under vite.
// Ctrl-C stops all three and leaves no process listening.
import { localWorkerVars, startApi, startDatabase, startWeb, type Stopper } from './stack.ts';

const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const ports = {
  database: port('NEON_LOCAL_PORT', 4444),
  api: port('API_PORT', 8787),
  web: port('WEB_PORT', 5173),
};
const webOrigin = `http://127.0.0.1:${ports.web}`;
const running: Stopper[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const latency = process.env.NEON_LOCAL_LATENCY_MS;
  const database = await startDatabase({
    port: ports.database,
    postgresUrl: process.env.NEON_LOCAL_PG_URL,
    latencyMs: latency ? Number(latency) : undefined,
  });
  running.push(database);
  const api = await startApi({
    port: ports.api,
    vars: { ...localWorkerVars(webOrigin), ...database.vars },
  });
  running.push(api);
  const web = await startWeb({ port: ports.web, apiOrigin: api.url });
  running.push(web);
  console.log(
    `\n  web  ${web.url}\n  api  ${api.url}/api/v1/health\n  db   ${database.server.url}\n`,
  );
  console.log('  Ctrl-C stops everything.\n');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}
