// The stack the bench and the soak run against, all on loopback and all torn down by `stop()`:
// the database (in-memory PGlite, or a throwaway PostgreSQL cluster) behind the local Neon HTTP
// server in its own process, and the API worker bundled by wrangler and served by workerd.
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { startThrowawayCluster } from '../../api/dev/pg-cluster.ts';
import { freePort, localWorkerVars, ROOT } from '../../scripts/stack.ts';
import { startDatabaseProcess, type DatabaseProcess } from './database-process.ts';
import { createSqlHttp, type SqlHttp } from './sql-http.ts';
import {
  bundleWorker,
  serveWorker,
  type Outbound,
  type ServedWorker,
  type WorkerBundle,
} from './worker.ts';

/** Scratch space for bundles, clusters and smoke outputs (git-ignored). */
export const TMP_DIR = join(ROOT, 'bench', 'results', 'tmp');

/** The two databases `npm run dev` can run on: its default, and a PostgreSQL server. */
export type Backend = 'pglite' | 'postgres';

export interface BenchStackOptions {
  /** 'postgres' (the default) starts a throwaway cluster; 'pglite' an in-memory PGlite. */
  backend?: Backend;
  /** The worker's DB deadline (`DB_TIMEOUT_MS`). */
  dbTimeoutMs?: number;
  /** How long a reminder claim holds unsettled (`REMINDER_CLAIM_LEASE_SECONDS`); 120 s by default. */
  claimLeaseSeconds?: number;
  /** Origin the web will be served from (CORS, Better Auth URL); a free port by default. */
  webOrigin?: string;
  /** A bundle to serve (kept on stop); by default the stack bundles the worker itself. */
  bundle?: Promise<WorkerBundle>;
}

export interface BenchStack {
  backend: Backend;
  database: DatabaseProcess;
  /** SQL over HTTP straight to the Neon server, no driver (seeding, checks and the floor). */
  sql: SqlHttp;
  bundle: WorkerBundle;
  worker: ServedWorker;
  /** Every binding the worker got; reuse them to serve more copies of it. */
  bindings: Record<string, string>;
  webOrigin: string;
  /** PostgreSQL only: stop and start the server (the soak's outage). */
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  /** PostgreSQL only: a direct connection (for the soak's checks); the caller ends it. */
  connect(): Promise<pg.Client>;
  /** Serves another copy of the worker (e.g. with a recording outbound service). */
  serveCopy(outbound?: Outbound): Promise<ServedWorker>;
  stop(): Promise<void>;
}

/** The local development variables, the database's, and the run's deadline and limits. */
function workerBindings(webOrigin: string, database: DatabaseProcess, options: BenchStackOptions) {
  return {
    ...localWorkerVars(webOrigin),
    ...database.vars,
    ENVIRONMENT: 'development',
    DB_TIMEOUT_MS: String(options.dbTimeoutMs ?? 5000),
    ...(options.claimLeaseSeconds
      ? { REMINDER_CLAIM_LEASE_SECONDS: String(options.claimLeaseSeconds) }
      : {}),
    // The bench signs in hundreds of times from one address; the limiter is not what it measures.
    AUTH_RATE_LIMIT_PER_IP: '100000',
    AUTH_RATE_LIMIT_PER_EMAIL: '1000',
  };
}

/** Starts everything; on failure, stops whatever had started before rethrowing. */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopper of stoppers.reverse()) await stopper().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    await mkdir(TMP_DIR, { recursive: true });
    // Bundling needs no database: do it while the cluster initialises.
    const bundling = options.bundle ?? bundleWorker(join(TMP_DIR, `worker-${process.pid}`));
    bundling.catch(() => undefined);
    const backend = options.backend ?? 'postgres';
    const cluster = backend === 'postgres' ? await startThrowawayCluster() : undefined;
    if (cluster) stoppers.push(() => cluster.stop());
    const database = await startDatabaseProcess({
      port: await freePort(),
      postgresUrl: cluster?.url,
    });
    stoppers.push(() => database.stop());
    const bundle = await bundling;
    if (!options.bundle) stoppers.push(() => rm(bundle.dir, { recursive: true, force: true }));
    const webOrigin = options.webOrigin ?? `http://127.0.0.1:${await freePort()}`;
    const bindings = workerBindings(webOrigin, database, options);
    const serveCopy = async (outbound?: Outbound) => {
      const copy = await serveWorker({ bundle, port: await freePort(), bindings, outbound });
      stoppers.push(() => copy.stop());
      return copy;
    };
    const worker = await serveCopy();
    const server = () => {
      if (!cluster) throw new Error('the PGlite stack has no PostgreSQL server');
      return cluster;
    };
    return {
      backend,
      database,
      sql: createSqlHttp(database.url, database.connectionString),
      bundle,
      worker,
      bindings,
      webOrigin,
      stopPostgres: () => server().stopServer(),
      startPostgres: () => server().startServer(),
      async connect() {
        const client = new pg.Client({ connectionString: server().url });
        client.on('error', () => undefined); // a fault run stops the server under it
        await client.connect();
        return client;
      },
      serveCopy,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
