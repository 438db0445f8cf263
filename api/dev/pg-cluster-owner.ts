// Running the cluster's commands as its owner (the server refuses root), and a watchdog that
// cleans up after an owner process that dies without stopping its cluster.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync } from 'node:fs';

export type Run = (command: string, args: string[]) => void;

export interface Owner {
  run: Run;
  /** The full argv that runs `command` as the cluster's owner. */
  argv(command: string, args: string[]): string[];
}

/** The user a root process runs the cluster as: Debian's `postgres`, else `nobody` (no package). */
function ownerName(): string {
  return spawnSync('id', ['-u', 'postgres']).status === 0 ? 'postgres' : 'nobody';
}

/** As root: hands `root` to an unprivileged user and runs commands as it; otherwise as ourselves. */
export function clusterOwner(root: string, binDir: string): Owner {
  const isRoot = process.getuid?.() === 0;
  const user = isRoot ? ownerName() : '';
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
    chownSync(root, uid, gid);
    const initdb = `${binDir}/initdb`;
    if (spawnSync('runuser', ['-u', user, '--', 'test', '-x', initdb]).status !== 0) {
      throw new Error(
        `${initdb} is not executable by ${user}, who runs the cluster (the server refuses root): ` +
          'move the checkout somewhere other users can read, or set PG_BIN_DIR or PG_TEST_URL.',
      );
    }
  }
  const argv = (command: string, args: string[]) =>
    isRoot ? ['runuser', '-u', user, '--', command, ...args] : [command, ...args];
  const run: Run = (command, args) => {
    const [file, ...rest] = argv(command, args);
    const result = spawnSync(file!, rest, { encoding: 'utf8' });
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
    }
  };
  return { run, argv };
}

/**
 * A detached shell that stops the server and removes `root` once this process is gone without
 * calling stop() (SIGKILL, a killed process group), so no postmaster or temp dir outlives us.
 */
export function startWatchdog(root: string, stopArgv: string[]): () => void {
  const script =
    'while kill -0 "$0" 2>/dev/null; do sleep 1; done; "$@" >/dev/null 2>&1; rm -rf -- "$ROOT"';
  const watchdog = spawn('sh', ['-c', script, String(process.pid), ...stopArgv], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, ROOT: root },
  });
  watchdog.unref();
  return () => {
    if (watchdog.exitCode === null) watchdog.kill();
  };
}
