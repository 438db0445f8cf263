// What the tests of `npm run dev` share: starting it as a terminal would (its own process group,
// on spare ports, in-memory data, a private dev registry), and the processes it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { freePort, isPortBusy, QUIET_ENV, ROOT } from './stack.ts';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Proc {
  pid: number;
  ppid: number;
  command: string;
}

/** Every process now running, from /proc (the comm field may hold spaces and parentheses). */
export function processes(): Proc[] {
  const list: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue; // exited, waiting to be reaped: it holds no port
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      list.push({ pid: Number(entry), ppid: Number(ppid), command });
    } catch {
      // gone while we looked
    }
  }
  return list;
}

export function descendants(root: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const proc of all.filter((p) => p.ppid === parent)) {
      found.push(proc);
      queue.push(proc.pid);
    }
  }
  return found;
}

/** Resolves once something listens on the port: up, though maybe not answering yet. */
export async function waitUntilListening(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortBusy(port))) {
    if (Date.now() > deadline)
      throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await sleep(20); // poll fast: the Ctrl-C test means to beat the launcher's own readiness check
  }
}

export type DevPorts = Record<
  'NEON_LOCAL_PORT' | 'API_PORT' | 'WEB_PORT' | 'PUSH_STANDIN_PORT',
  number
>;
export type DevRun = { dev: ChildProcess; ports: DevPorts; stopped: boolean };

/** `npm run dev` in its own process group, as a terminal starts it; its registry goes after the file. */
export async function startDev(): Promise<DevRun> {
  const ports = { NEON_LOCAL_PORT: 0, API_PORT: 0, WEB_PORT: 0, PUSH_STANDIN_PORT: 0 };
  for (const name of Object.keys(ports) as (keyof DevPorts)[]) ports[name] = await freePort();
  const registry = mkdtempSync(join(tmpdir(), 'tasks-dev-test-registry-'));
  const dev = spawn('npm', ['run', 'dev'], {
    cwd: ROOT,
    detached: true, // its own group, as a terminal gives it
    stdio: 'ignore',
    env: {
      ...process.env,
      ...QUIET_ENV,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      NEON_LOCAL_DATA_DIR: 'memory',
      // A private dev registry: no clash with a developer's own `npm run dev` on this machine.
      WRANGLER_REGISTRY_PATH: registry,
    },
  });
  const run = { dev, ports, stopped: false };
  afterAll(async () => {
    // A test that failed before its Ctrl-C still must not leave the stack running.
    if (!run.stopped) await interrupt(run, descendants(dev.pid!));
    rmSync(registry, { recursive: true, force: true });
  });
  return run;
}

/**
 * Ctrl-C: SIGINT to the whole group. Resolves to what is left 10 s later (or once nothing is):
 * the ports still taken and the processes of `stack` still alive, which are then killed.
 */
export async function interrupt(run: DevRun, stack: Proc[]) {
  run.stopped = true;
  process.kill(-run.dev.pid!, 'SIGINT');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const alive = new Set(processes().map((p) => p.pid));
    const leftovers = stack.filter((p) => alive.has(p.pid));
    const busy: number[] = [];
    for (const port of Object.values(run.ports)) if (await isPortBusy(port)) busy.push(port);
    if ((busy.length === 0 && leftovers.length === 0) || Date.now() > deadline) {
      for (const proc of leftovers) process.kill(proc.pid, 'SIGKILL');
      return { busy, leftovers: leftovers.map((p) => p.command) };
    }
    await sleep(100);
  }
}
