import { existsSync, readdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../dev/migrate.ts';
import { startNeonLocal } from '../dev/neon-local/index.ts';
import { startPushStandin } from '../dev/push-standin/index.ts';
import { startFaultProxy } from './fault-proxy.ts';
import { seedOpenApi } from './seed/seed-document.ts';

const MIGRATIONS_DIR = new URL('../drizzle/', import.meta.url);

function hasMigrations(): boolean {
  return existsSync(MIGRATIONS_DIR) && readdirSync(MIGRATIONS_DIR).some((f) => f.endsWith('.sql'));
}

/**
 * Runs in Node before the workerd suite: an in-memory PGlite behind the local Neon HTTP server,
 * migrated, plus a fault proxy in front of it. Their addresses reach the worker's bindings
 * (vitest.config.ts) and the tests through `provide`/`inject`.
 */
export default async function setup(project: TestProject) {
  const neon = await startNeonLocal({
    backend: 'pglite',
    dataDir: 'memory',
    host: '127.0.0.1',
    port: 0, // the system picks it: no window in which another suite could take it
    quiet: true,
  });
  if (hasMigrations()) await applyMigrations(neon.connectionString, { fetchEndpoint: neon.url });
  const proxy = await startFaultProxy(neon.url);
  // A second one, so that cutting the sign-up's statements cannot race the outage tests.
  const cutProxy = await startFaultProxy(neon.url);
  project.provide('databaseUrl', neon.connectionString);
  project.provide('neonHttpEndpoint', neon.url);
  project.provide('faultProxyEndpoint', proxy.endpoint);
  project.provide('faultProxyControl', proxy.controlUrl);
  project.provide('cutProxyEndpoint', cutProxy.endpoint);
  project.provide('cutProxyControl', cutProxy.controlUrl);
  // Not a free port of the suite's range: another suite on the machine (or this one's fault proxy)
  // may bind that a moment later, and the "nothing listens" test then meets a server. Port 1
  // (tcpmux) is privileged and unused: a connection there is refused.
  project.provide('deadEndpoint', 'http://127.0.0.1:1/sql');
  project.provide('seedOpenApi', seedOpenApi());
  const pushStandin = await startPushStandin();
  project.provide('pushStandinUrl', pushStandin.url);
  return async () => {
    await pushStandin.close();
    await proxy.close();
    await cutProxy.close();
    await neon.close();
  };
}
