// Starts the pieces of the local product — database, API worker, web — for `npm run dev`, the e2e
// suites and the benchmarks, so every caller gets the same wiring and the same clean shutdown.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNeonLocal } from '../api/dev/neon-local/index.ts';
import { applyMigrations } from '../api/dev/migrate.ts';
import { startPushStandin } from '../api/dev/push-standin/index.ts';
import { spawnGroup, type Stopper } from './process-group.ts';

export { QUIET_ENV, killGroup, spawnGroup, type Stopper } from './process-group.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian's Chromium, offline-friendly: no background networking, sync or component updates. */
export const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
} as const;

/** Resolves with a TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function isPortBusy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/** Polls `url` until it answers (any HTTP status, or with `ok` a 2xx) or `timeoutMs` passes. */
export async function waitForUrl(url: string, timeoutMs = 60_000, { ok = false } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => !ok || response.ok,
      () => false,
    );
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Reads KEY=VALUE lines of a .dev.vars-style file; missing file → {}. */
export function readDevVars(path = join(ROOT, '.dev.vars')): Record<string, string> {
  if (!existsSync(path)) return {};
  const vars: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (match?.[1]) vars[match[1]] = match[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return vars;
}

export interface DatabaseOptions {
  port: number;
  /** A postgres:// URL selects the server backend; otherwise embedded PGlite. */
  postgresUrl?: string;
  /** PGlite data directory, or 'memory'. */
  dataDir?: string;
  latencyMs?: number;
  quiet?: boolean;
}

/** Starts the local Neon HTTP server, applies pending migrations and returns the worker's DB vars. */
export async function startDatabase(options: DatabaseOptions) {
  if (await isPortBusy(options.port)) throw new Error(`port ${options.port} is already in use`);
  const server = await startNeonLocal({
    backend: options.postgresUrl ? 'postgres' : 'pglite',
    postgresUrl: options.postgresUrl,
    dataDir: options.dataDir ?? join(ROOT, '.data', 'pglite'),
    port: options.port,
    host: '127.0.0.1',
    latencyMs: options.latencyMs,
    quiet: options.quiet,
  });
  await applyMigrations(server.connectionString, { fetchEndpoint: server.url });
  return {
    server,
    vars: { DATABASE_URL: server.connectionString, NEON_HTTP_ENDPOINT: server.url },
    stop: () => server.close(),
  };
}

/** Options of the spawned parts: `track` receives the stopper as soon as the process exists. */
interface PartOptions {
  port: number;
  quiet?: boolean;
  /** Lets a Ctrl-C during start-up stop a part that is not answering yet. */
  track?: (part: Stopper) => void;
}

export interface ApiOptions extends PartOptions {
  vars: Record<string, string>;
  /** Exposes `/__scheduled`, through which `startScheduler` runs the Cron Trigger locally. */
  testScheduled?: boolean;
}

/** Runs the API worker under `wrangler dev` on 127.0.0.1 and waits until it answers. */
export async function startApi(options: ApiOptions) {
  if (await isPortBusy(options.port)) throw new Error(`port ${options.port} is already in use`);
  const vars = Object.entries(options.vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]);
  const inspectorPort = await freePort();
  const child = spawnGroup(
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
      ...(options.testScheduled ? ['--test-scheduled'] : []),
      ...vars,
    ],
    { label: 'api', cwd: ROOT, quiet: options.quiet },
  );
  options.track?.(child);
  await waitForUrl(`http://127.0.0.1:${options.port}/api/v1/health`, 90_000);
  return { url: `http://127.0.0.1:${options.port}`, stop: () => child.stop() };
}

/**
 * Runs the worker's Cron Trigger (the reminder scheduler) at every minute boundary, as Cloudflare
 * does: `wrangler dev` never fires crons itself, it only exposes `/__scheduled`.
 */
export function startScheduler(apiUrl: string): Stopper {
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    timer = setTimeout(tick, 60_000 - (Date.now() % 60_000));
    fetch(`${apiUrl}/__scheduled?cron=*+*+*+*+*`).catch(() => undefined);
  };
  timer = setTimeout(tick, 60_000 - (Date.now() % 60_000));
  return { stop: async () => clearTimeout(timer) };
}

/** The loopback stand-in push service (api/dev/push-standin) as a part of the stack. */
export async function startPushService(port: number) {
  if (await isPortBusy(port)) throw new Error(`port ${port} is already in use`);
  const standin = await startPushStandin({ port });
  return { url: standin.url, stop: () => standin.close() };
}

export interface WebOptions extends PartOptions {
  apiOrigin: string;
}

/** The web's own vite CLI (npm may install it under web/node_modules rather than the root). */
function viteBin(web: string): string {
  const manifest = createRequire(join(web, 'package.json')).resolve('vite/package.json');
  return join(dirname(manifest), 'bin', 'vite.js');
}

/** Runs the SvelteKit dev server, proxying /api to the worker. */
export async function startWeb(options: WebOptions) {
  if (await isPortBusy(options.port)) throw new Error(`port ${options.port} is already in use`);
  const web = join(ROOT, 'web');
  // vite itself, not `npm exec vite`: one process in the group, no wrapper to exit before it.
  const child = spawnGroup(
    process.execPath,
    [viteBin(web), 'dev', '--host', '127.0.0.1', '--port', String(options.port), '--strictPort'],
    {
      label: 'web',
      cwd: web,
      env: { API_ORIGIN: options.apiOrigin },
      quiet: options.quiet,
    },
  );
  options.track?.(child);
  await waitForUrl(`http://127.0.0.1:${options.port}/`, 90_000);
  return { url: `http://127.0.0.1:${options.port}`, stop: () => child.stop() };
}

/** The local stack's auth secret: published here, so production refuses it (published-secrets.ts). */
export const LOCAL_AUTH_SECRET = 'local-development-secret-not-for-production-0000';

/**
 * The local stack's VAPID key pair (Web Push, decision 0020): published here, so production
 * refuses its private key (published-secrets.ts). Browsers' push services never see it: locally
 * pushes go to the loopback stand-in (api/dev/push-standin).
 */
export const LOCAL_VAPID = {
  VAPID_PUBLIC_KEY:
    'BHI13Pjo7BIEMHU_376hTB4SOKvmRgORjmE6lqRHAdwVwHT7kvOdAhiyEIhU1LsGrVYdU3k9-AXFrbk-dtatj94',
  VAPID_PRIVATE_KEY: 'R2RgGsIWg-OtCXlsEc_AESQ6ht7ymhcMLqrcEiXgndQ',
  VAPID_SUBJECT: 'mailto:dev@localhost.invalid',
} as const;

/** Local, development-only values for every variable the worker needs; .dev.vars overrides them. */
export function localWorkerVars(webOrigin: string): Record<string, string> {
  return {
    ENVIRONMENT: 'development',
    BETTER_AUTH_SECRET: LOCAL_AUTH_SECRET,
    BETTER_AUTH_URL: webOrigin,
    CORS_ORIGINS: webOrigin,
    JWT_ISSUER: webOrigin,
    JWT_AUDIENCE: 'tasks-api',
    // Locally every browser tab, script and reload shares 127.0.0.1, and each page load refreshes
    // its token: the production default of 60 per IP would lock a developer out within minutes.
    AUTH_RATE_LIMIT_PER_IP: '1000',
    ...LOCAL_VAPID,
    ...readDevVars(),
  };
}
