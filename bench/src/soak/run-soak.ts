// `npm run soak` end to end: a fresh stack, accounts with shared tasks, clients racing for a
// bounded time while faults are injected, then the ledger checked in PostgreSQL.
import { performance } from 'node:perf_hooks';
import { apiPaths, type Task } from '@tasks/shared';
import { createAccount } from '../seed.ts';
import { startBenchStack, type BenchStack } from '../stack.ts';
import { SoakClient } from './client.ts';
import type { SoakAccount } from './context.ts';
import { runFaults, waitHealthy, type FaultPlan, type FaultWindow } from './faults.ts';
import { send, Tally, type ServerError } from './http.ts';
import { Ledger, stateOf } from './ledger.ts';
import { SoakReminders, type ReminderVerdict } from './reminders.ts';
import { verifyLedger, type LedgerVerdict } from './verify.ts';
import { prepareFollowers, type FollowerVerdict } from './followers.ts';

export interface SoakOptions {
  clients: number;
  accounts: number;
  durationSeconds: number;
  /** Hard cap on requests across all clients: the run stops at whichever limit comes first. */
  maxRequests: number;
  sharedTasksPerAccount: number;
  faults: Omit<FaultPlan, 'dbTimeoutMs'>;
  dbTimeoutMs: number;
  /** Longest acceptable time from a fault's end to a healthy answer. */
  maxRecoveryMs: number;
  seed: number;
  /** Reminders falling due during the run, and the claim lease the worker runs with. */
  reminders: { count: number; leaseSeconds: number };
  log: (line: string) => void;
}

export interface SoakReport {
  options: Omit<SoakOptions, 'log'>;
  requests: number;
  byStatus: Record<string, number>;
  verdict: LedgerVerdict;
  reminders: ReminderVerdict;
  followers: FollowerVerdict;
  conflicts: number;
  unexpected5xx: ServerError[];
  unexpected4xx: Record<string, number>;
  faults: { name: string; startSeconds: number; seconds: number; recoveryMs?: number }[];
  recoveryMs: number;
  pass: boolean;
}

/** Mulberry32: a small seeded generator, so a run's operation mix can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function prepare(stack: BenchStack, options: SoakOptions, ledger: Ledger, tally: Tally) {
  const origin = stack.worker.url;
  const run = Date.now().toString(36);
  const accounts: SoakAccount[] = [];
  for (let a = 0; a < options.accounts; a++) {
    accounts.push(await createAccount(origin, `soak-${a}-${run}@example.com`));
    for (let s = 0; s < options.sharedTasksPerAccount; s++) {
      const reply = await send(origin, tally, {
        method: 'POST',
        path: apiPaths.tasks,
        token: accounts[a]!.token,
        body: { title: `shared ${a}.${s}`, tags: ['soak-shared'] },
      });
      if (reply.status !== 201) throw new Error(`creating a shared task → ${reply.status}`);
      const task = reply.body as Task;
      ledger.addShared(task.id, a, task.version, stateOf(task));
    }
  }
  options.log(`${accounts.length} accounts, ${ledger.shared.size} shared tasks`);
  return accounts;
}

/** Every 5xx outside a fault window that allows it. */
function unexpectedServerErrors(tally: Tally, windows: FaultWindow[]): ServerError[] {
  return tally.serverErrors.filter(
    (error) => !windows.some((w) => error.at >= w.start && error.at <= w.end && w.allows(error)),
  );
}

/** Runs the soak against a stack of its own and returns the verdict (never throws on a failed check). */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const stack = await startBenchStack({
    dbTimeoutMs: options.dbTimeoutMs,
    claimLeaseSeconds: options.reminders.leaseSeconds,
  });
  let reminders: SoakReminders | undefined;
  try {
    const tally = new Tally();
    const ledger = new Ledger();
    const accounts = await prepare(stack, options, ledger, tally);
    reminders = await SoakReminders.prepare(
      stack.worker.url,
      stack.bindings.VAPID_PUBLIC_KEY!,
      accounts,
      {
        ...options.reminders,
        spreadSeconds: options.durationSeconds * 0.9,
      },
    );
    reminders.startCron();
    const followers = await prepareFollowers(
      stack.worker.url,
      tally,
      accounts,
      `${options.seed}-${Date.now().toString(36)}`,
    );
    options.log(`followers ready: ${followers.count}`);
    const setupRequests = tally.requests;
    const runStart = performance.now();
    const endAt = runStart + options.durationSeconds * 1000;
    const unexpected = new Map<number, number>();
    const ctx = {
      origin: stack.worker.url,
      tally,
      ledger,
      accounts,
      done: () =>
        performance.now() >= endAt || tally.requests - setupRequests >= options.maxRequests,
      // After the time limit, retries get 30 s more to resolve what is still in doubt.
      abandoned: () => performance.now() >= endAt + 30_000,
      random: seededRandom(options.seed),
      unexpected,
    };
    const faults = runFaults(
      { origin: stack.worker.url, ...faultTargets(stack) },
      { ...options.faults, dbTimeoutMs: options.dbTimeoutMs },
      runStart,
    );
    const clients = Array.from({ length: options.clients }, (_, i) => new SoakClient(i, ctx).run());
    followers.run(ctx.done, ctx.random);
    const windows = await faults;
    await Promise.all(clients);
    options.log(`clients done after ${Math.round((performance.now() - runStart) / 1000)} s`);
    await waitHealthy(stack.worker.url);
    const reminderVerdict = await reminders.finish();
    const db = await stack.connect();
    const verdict = await verifyLedger(
      db,
      ledger,
      accounts.map((a) => a.userId),
    );
    const followed = await followers.finish(db);
    await db.end();
    const result = report(
      options,
      tally,
      { ...verdict, followers: followed },
      ledger,
      windows,
      unexpected,
      runStart,
    );
    const remindersOk = reminderVerdict.duplicates === 0 && reminderVerdict.missed === 0;
    return { ...result, reminders: reminderVerdict, pass: result.pass && remindersOk };
  } finally {
    await reminders?.close();
    await stack.stop();
  }
}

function faultTargets(stack: BenchStack) {
  return {
    stopPostgres: () => stack.stopPostgres(),
    startPostgres: () => stack.startPostgres(),
    setLatency: (ms: number) => stack.database.setLatency(ms),
    restartWorker: () => stack.worker.restart(),
  };
}

function report(
  options: SoakOptions,
  tally: Tally,
  { followers, ...verdict }: LedgerVerdict & { followers: FollowerVerdict },
  ledger: Ledger,
  windows: FaultWindow[],
  unexpected: Map<number, number>,
  runStart: number,
): Omit<SoakReport, 'reminders'> {
  const { log: _log, ...config } = options;
  const unexpected5xx = unexpectedServerErrors(tally, windows);
  const recoveryMs = Math.max(0, ...windows.map((w) => w.recoveryMs ?? 0));
  const pass =
    verdict.lost === 0 &&
    verdict.duplicated === 0 &&
    verdict.leaked === 0 &&
    verdict.wrongState === 0 &&
    followers.missed + followers.duplicated + followers.lost + followers.failures.length === 0 &&
    unexpected5xx.length === 0 &&
    unexpected.size === 0 &&
    recoveryMs <= options.maxRecoveryMs;
  return {
    options: config,
    requests: tally.requests,
    byStatus: Object.fromEntries([...tally.byStatus].sort()),
    verdict,
    followers,
    conflicts: ledger.conflicts,
    unexpected5xx,
    unexpected4xx: Object.fromEntries(unexpected),
    faults: windows.map((w) => ({
      name: w.name,
      startSeconds: Math.round((w.start - runStart) / 100) / 10,
      seconds: Math.round((w.end - w.start) / 100) / 10,
      recoveryMs: w.recoveryMs,
    })),
    recoveryMs,
    pass,
  };
}
