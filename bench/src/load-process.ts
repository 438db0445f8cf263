// Parent side of load-child.ts: the measured requests are sent from a process of their own.
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, QUIET_ENV } from '../../scripts/stack.ts';
import type { LoadReply, LoadRequest } from './load-child.ts';
import type { PairsJob, PairsOutcome } from './timed-pairs.ts';

export interface LoadProcess {
  run(job: PairsJob): Promise<PairsOutcome>;
  stop(): Promise<void>;
}

/** Forks the load process and waits until it takes jobs. */
export async function startLoadProcess(): Promise<LoadProcess> {
  const child = fork(join(ROOT, 'bench', 'src', 'load-child.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...QUIET_ENV },
    stdio: 'inherit',
  });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the load process exited (${code})`)));
    child.once('message', () => resolve());
  });
  let nextId = 0;
  const pending = new Map<number, (reply: LoadReply) => void>();
  child.on('message', (reply: LoadReply) => pending.get(reply.id)?.(reply));
  // A load process that dies mid-job must fail the run, not leave it waiting for ever.
  child.on('exit', (code) => {
    for (const [id, settle] of pending) settle({ id, error: `exited (${code})` });
  });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, (reply) => {
          pending.delete(id);
          if ('error' in reply) reject(new Error(`load process: ${reply.error}`));
          else resolve(reply.outcome);
        });
        child.send({ id, job } satisfies LoadRequest);
      }),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.disconnect();
      await exited;
    },
  };
}
