// Starts the product for the end-to-end suites, as the browser will meet it: the local Neon
// server (PGlite in memory, migrated), the API under `wrangler dev`, and the web — the vite dev
// server (E2E_TARGET=dev) or the adapter-cloudflare build under `wrangler pages dev`, reaching
// the API through its `API` service binding exactly as in production (E2E_TARGET=prod).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  localWorkerVars,
  spawnGroup,
  startApi,
  startDatabase,
  startWeb,
  waitForUrl,
  ROOT,
  type Stopper,
} from '../../scripts/stack.ts';
import { E2E_PORTS, webOrigin, type Target } from './target.ts';

/** Settings that keep the suites from tripping over production-grade limits. */
const TEST_VARS = { AUTH_RATE_LIMIT_PER_IP: '100000', AUTH_RATE_LIMIT_PER_EMAIL: '1000' };

function buildWeb(web: string) {
  try {
    execFileSync(process.execPath, [join(web, 'node_modules/vite/bin/vite.js'), 'build'], {
      cwd: web,
      stdio: 'pipe',
    });
  } catch (error) {
    const output = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`vite build failed:\n${output}`, { cause: error });
  }
}

/** True when `npm test` has had turbo build the web just before (WEB_BUILT=1) and it is whole. */
function prebuilt(web: string): boolean {
  const output = ['.svelte-kit/cloudflare/_worker.js', '.svelte-kit/output/server/index.js'];
  return process.env.WEB_BUILT === '1' && output.every((file) => existsSync(join(web, file)));
}

/** Builds the web (unless prebuilt) and serves it with `wrangler pages dev`, bound to the API. */
async function startProductionWeb(port: number): Promise<Stopper> {
  const web = join(ROOT, 'web');
  if (!prebuilt(web)) buildWeb(web);
  const child = spawnGroup(
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    ['pages', 'dev', '.svelte-kit/cloudflare', '--ip', '127.0.0.1', '--port', String(port)]
      .concat(['--inspector-port', String(await freePort())])
      .concat(['--show-interactive-dev-session=false', '--log-level', 'warn']),
    { label: 'web', cwd: web, quiet: true },
  );
  await waitForUrl(`http://127.0.0.1:${port}/login`, 90_000);
  return child;
}

/** Starts everything; the returned function stops it all (wrangler by process group). */
export async function startStack(target: Target): Promise<() => Promise<void>> {
  // A private dev registry: the web's `API` binding must find this run's API worker, not the
  // `tasks-api` some other `wrangler dev` on this machine registered.
  const registry = mkdtempSync(join(tmpdir(), 'tasks-e2e-registry-'));
  process.env.WRANGLER_REGISTRY_PATH = registry;
  const running: Stopper[] = [];
  const stop = async () => {
    for (const part of running.reverse()) await part.stop().catch(() => undefined);
    rmSync(registry, { recursive: true, force: true });
  };
  try {
    const origin = webOrigin(target);
    const database = await startDatabase({
      port: E2E_PORTS.database,
      dataDir: 'memory',
      quiet: true,
    });
    running.push(database);
    const vars = { ...localWorkerVars(origin), ...database.vars, ...TEST_VARS };
    const api = await startApi({ port: E2E_PORTS.api, vars, quiet: true });
    running.push(api);
    if (target === 'dev') {
      process.env.WEB_DEV_FROZEN = '1'; // inherited by the vite dev server: no live reload
      running.push(await startWeb({ port: E2E_PORTS.dev, apiOrigin: api.url, quiet: true }));
    } else running.push(await startProductionWeb(E2E_PORTS.prod));
    return stop;
  } catch (error) {
    await stop();
    throw error;
  }
}
