// The API worker as the bench and the soak run it: bundled exactly as `wrangler deploy` would ship
// it, then served by workerd through Miniflare — no `wrangler dev` proxy in front of it. The
// measured requests go to the worker's own socket, as nothing stands in front of it in
// production; Miniflare's entry worker (its usual address) is kept for what only it serves
// (the Cron Trigger's `/cdn-cgi/handler/scheduled`, `CF-Connecting-IP`; decision 0036).
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import {
  Log,
  LogLevel,
  Miniflare,
  Response as MfResponse,
  type Request as MfRequest,
} from 'miniflare';
import { freePort, QUIET_ENV, ROOT } from '../../scripts/stack.ts';

const run = promisify(execFile);

export interface WorkerBundle {
  dir: string;
  entry: string;
  compatibilityDate: string;
  compatibilityFlags: string[];
  /** Sum of the gzipped sizes of every module wrangler would upload. */
  gzipBytes: number;
  rawBytes: number;
}

/** Bundles the API with `wrangler deploy --dry-run` into `dir` and measures what would be uploaded. */
export async function bundleWorker(dir: string): Promise<WorkerBundle> {
  await rm(dir, { recursive: true, force: true });
  await run(
    join(ROOT, 'node_modules', '.bin', 'wrangler'),
    ['deploy', '--dry-run', '--config', join(ROOT, 'wrangler.toml'), '--outdir', dir],
    { cwd: ROOT, env: { ...process.env, ...QUIET_ENV }, maxBuffer: 16 * 1024 * 1024 },
  );
  let gzipBytes = 0;
  let rawBytes = 0;
  for (const name of await readdir(dir)) {
    if (name.endsWith('.map') || name.endsWith('.md')) continue;
    const bytes = await readFile(join(dir, name));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  const toml = await readFile(join(ROOT, 'wrangler.toml'), 'utf8');
  return {
    dir,
    entry: join(dir, 'index.js'),
    compatibilityDate: /compatibility_date\s*=\s*"([^"]+)"/.exec(toml)?.[1] ?? '2026-04-20',
    compatibilityFlags: JSON.parse(
      /compatibility_flags\s*=\s*(\[[^\]]*\])/.exec(toml)?.[1] ?? '[]',
    ),
    gzipBytes,
    rawBytes,
  };
}

/** Handles the worker's outbound `fetch` calls in Node (used to record the SQL it sends). */
export type Outbound = (request: MfRequest) => Promise<MfResponse>;

export interface ServeOptions {
  bundle: WorkerBundle;
  port: number;
  bindings: Record<string, string>;
  outbound?: Outbound;
}

export interface ServedWorker {
  /** Through Miniflare's entry worker: sets `CF-Connecting-IP`, serves `/cdn-cgi/…`. */
  url: string;
  /** The worker's own socket (Miniflare's `unsafeDirectSockets`): what the bench measures. */
  directUrl: string;
  /** Stops workerd and starts a fresh one on the same port: new isolate, empty caches. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** The worker's recent console output, for diagnosing a failed run. */
  recentLogs(): string[];
}

/** Serves a bundle from workerd through Miniflare on 127.0.0.1:`port`. */
export async function serveWorker(options: ServeOptions): Promise<ServedWorker> {
  const logs: string[] = [];
  const directPort = await freePort();
  const keep = (stream: Readable) =>
    stream.on('data', (chunk: Buffer) => {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      if (logs.length > 200) logs.splice(0, logs.length - 200);
    });
  const create = () =>
    new Miniflare({
      host: '127.0.0.1',
      port: options.port,
      log: new Log(LogLevel.WARN),
      cf: false, // the machine is offline: don't fetch Request.cf from Cloudflare
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        keep(stdout);
        keep(stderr);
      },
      name: 'tasks-api',
      modules: true,
      modulesRoot: options.bundle.dir, // module names must not climb out of it with '..'
      scriptPath: options.bundle.entry,
      compatibilityDate: options.bundle.compatibilityDate,
      compatibilityFlags: options.bundle.compatibilityFlags,
      bindings: options.bindings,
      // The users' live sockets (wrangler.toml's LIVE binding).
      durableObjects: { LIVE: { className: 'LiveObject', useSQLite: true } },
      ...(options.outbound ? { outboundService: options.outbound } : {}),
      // `/cdn-cgi/handler/scheduled` runs the Cron Trigger (the reminder bench, bench/src/reminders.ts).
      unsafeTriggerHandlers: true,
      // The entry worker in front of `port` is Miniflare's emulation (one more isolate and hop per
      // request: 0.5–0.9 ms here); this socket is the worker's own.
      unsafeDirectSockets: [{ host: '127.0.0.1', port: directPort }],
    });
  const start = async () => {
    const instance = create();
    try {
      await instance.ready;
    } catch (error) {
      throw new Error(`workerd did not start:\n${logs.slice(-20).join('\n')}`, { cause: error });
    }
    return instance;
  };
  let mf = await start();
  return {
    url: `http://127.0.0.1:${options.port}`,
    directUrl: `http://127.0.0.1:${directPort}`,
    async restart() {
      await mf.dispose();
      mf = await start();
    },
    stop: () => mf.dispose(),
    recentLogs: () => [...logs],
  };
}

/** The workerd release Miniflare runs (e.g. `2026-04-26`). */
export function workerdVersion(): string {
  return (createRequire(import.meta.url)('workerd/package.json') as { version: string }).version;
}

export { MfResponse };
