// Ctrl-C on `npm run dev`: a terminal sends SIGINT to the whole foreground process group. Sent the
// moment the web listens (the launcher is still waiting for its first answer then), it must leave
// no process of the stack and no port behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { freePort, isPortBusy, QUIET_ENV, ROOT } from './stack.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Proc {
  pid: number;
  ppid: number;
  command: string;
}

/** Every process now running, from /proc (the comm field may hold spaces and parentheses). */
function processes(): Proc[] {
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

function descendants(root: number): Proc[] {
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

/** Resolves once something listens on the port: the web is up, though maybe not answering yet. */
async function waitUntilListening(port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isPortBusy(port))) {
    if (Date.now() > deadline)
      throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await sleep(20); // poll fast: the point is to beat the launcher's own readiness check
  }
}

const registry = mkdtempSync(join(tmpdir(), 'tasks-dev-test-registry-'));
let leftovers: Proc[] = [];
afterAll(() => {
  for (const proc of leftovers) process.kill(proc.pid, 'SIGKILL');
  rmSync(registry, { recursive: true, force: true });
});

it('stops the database, the API and the web on SIGINT to its process group', async () => {
  const ports = { NEON_LOCAL_PORT: 0, API_PORT: 0, WEB_PORT: 0, PUSH_STANDIN_PORT: 0 };
  for (const name of Object.keys(ports) as (keyof typeof ports)[]) ports[name] = await freePort();
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
  await waitUntilListening(ports.WEB_PORT, 120_000);
  const stack = descendants(dev.pid!);
  expect(stack.some((p) => p.command.includes('workerd'))).toBe(true);
  expect(stack.some((p) => p.command.includes('vite'))).toBe(true);

  process.kill(-dev.pid!, 'SIGINT');
  const deadline = Date.now() + 10_000;
  let busy: number[] = Object.values(ports);
  for (;;) {
    const alive = new Set(processes().map((p) => p.pid));
    leftovers = stack.filter((p) => alive.has(p.pid));
    busy = [];
    for (const port of Object.values(ports)) if (await isPortBusy(port)) busy.push(port);
    if ((busy.length === 0 && leftovers.length === 0) || Date.now() > deadline) break;
    await sleep(100);
  }
  expect(busy).toEqual([]);
  expect(leftovers.map((p) => p.command)).toEqual([]);
}, 180_000);
