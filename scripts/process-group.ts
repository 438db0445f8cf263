// Long-running children (wrangler, vite) in process groups of their own, stopped group-wide: a
// group outlives its leader (wrangler's node exits before its workerd does, npm exec before vite),
// so stopping waits for the group to empty, not for the leader to exit.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Stopper {
  stop(): Promise<void>;
}

/** Environment that keeps wrangler, workerd and turbo from phoning home (the machine is offline). */
export const QUIET_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  TURBO_TELEMETRY_DISABLED: '1',
  NO_UPDATE_NOTIFIER: '1',
} as const;

/** Spawns a long-running command in its own process group, so stopping it stops its children too. */
export function spawnGroup(
  command: string,
  args: string[],
  options: { env?: Record<string, string>; cwd: string; label: string; quiet?: boolean },
): ChildProcess & Stopper {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...QUIET_ENV, ...options.env },
    detached: true,
    stdio: ['ignore', options.quiet ? 'ignore' : 'pipe', options.quiet ? 'ignore' : 'pipe'],
  });
  const prefix = `[${options.label}] `;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) console.log(prefix + line);
    });
  }
  return Object.assign(child, { stop: () => killGroup(child) });
}

function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nobody is left in the group
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SIGTERM the whole group, SIGKILL it after 3 s (an orphaned wrangler ignores SIGTERM), and return
 * once no process is left in it. Zombies nobody reaps (no init in a container) still count as
 * members, so the wait is bounded.
 */
export async function killGroup(child: Pick<ChildProcess, 'pid'>): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined || !signalGroup(pgid, 'SIGTERM')) return;
  const killAt = Date.now() + 3_000;
  const giveUpAt = killAt + 2_000;
  while (signalGroup(pgid, 0) && Date.now() < giveUpAt) {
    if (Date.now() >= killAt) signalGroup(pgid, 'SIGKILL');
    await sleep(50);
  }
}
