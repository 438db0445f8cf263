// The faults the soak injects mid-run, each recorded as a time window in which some failures are
// expected, so the verdict can call every other 5xx unexpected.
import { performance } from 'node:perf_hooks';
import { apiPaths } from '@tasks/shared';
import { sleep, type ServerError } from './http.ts';

/** The parts of the running stack a fault can break. */
export interface FaultTargets {
  origin: string;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  restartWorker(): Promise<void>;
}

export interface FaultWindow {
  name: string;
  /** performance.now() values. */
  start: number;
  end: number;
  /** Which 5xx answers are legitimate inside the window. */
  allows: (error: ServerError) => boolean;
  /** For outages: from the fault's end to the first healthy answer. */
  recoveryMs?: number;
}

export interface FaultPlan {
  /** Seconds from the start of the run. */
  outageAt: number;
  outageSeconds: number;
  slowAt: number;
  slowSeconds: number;
  slowMs: number;
  hangAt: number;
  hangSeconds: number;
  /** The worker's DB deadline: the hang adds more than this to every round trip. */
  dbTimeoutMs: number;
  restartAt: number;
}

const unavailableWithRetryAfter = (e: ServerError) =>
  e.status === 503 && e.retryAfter !== null && e.problem;

/** Polls /health until it answers 200; returns how long that took. */
export async function waitHealthy(origin: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(origin + apiPaths.health, {
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      if (response.ok) return performance.now() - started;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${origin} was not healthy within ${timeoutMs} ms`);
}

async function at(runStart: number, seconds: number) {
  await sleep(Math.max(0, runStart + seconds * 1000 - performance.now()));
}

async function outage(targets: FaultTargets, plan: FaultPlan): Promise<FaultWindow> {
  const start = performance.now();
  await targets.stopPostgres();
  await sleep(plan.outageSeconds * 1000);
  await targets.startPostgres();
  const recoveryMs = await waitHealthy(targets.origin);
  return {
    name: `PostgreSQL stopped for ${plan.outageSeconds} s`,
    start,
    end: performance.now() + 1_000,
    allows: unavailableWithRetryAfter,
    recoveryMs: Math.round(recoveryMs),
  };
}

/** Adds `ms` to every round trip for `seconds`; `allows` says which 5xx that may cause. */
async function slowdown(
  targets: FaultTargets,
  name: string,
  ms: number,
  seconds: number,
  allows: FaultWindow['allows'],
): Promise<FaultWindow> {
  const start = performance.now();
  await targets.setLatency(ms);
  await sleep(seconds * 1000);
  await targets.setLatency(0);
  // Requests that entered the slowdown finish up to `ms` after it ends.
  const end = performance.now() + ms + 500;
  return { name, start, end, allows, recoveryMs: Math.round(await waitHealthy(targets.origin)) };
}

async function workerRestart(targets: FaultTargets): Promise<FaultWindow> {
  const start = performance.now();
  await targets.restartWorker();
  const end = performance.now();
  const recoveryMs = Math.round(await waitHealthy(targets.origin));
  return { name: 'worker restarted', start, end, allows: () => false, recoveryMs };
}

/**
 * Runs the plan against the stack: PostgreSQL stopped then restarted, the Neon server slowed
 * (below the deadline, so nothing may fail), then hung past the deadline (503/504 allowed), then
 * the worker restarted. Resolves with the windows once every fault is over and health is back.
 */
export async function runFaults(targets: FaultTargets, plan: FaultPlan, runStart: number) {
  const windows: FaultWindow[] = [];
  await at(runStart, plan.outageAt);
  windows.push(await outage(targets, plan));
  await at(runStart, plan.slowAt);
  const slowName = `+${plan.slowMs} ms per round trip for ${plan.slowSeconds} s`;
  windows.push(await slowdown(targets, slowName, plan.slowMs, plan.slowSeconds, () => false));
  await at(runStart, plan.hangAt);
  const hangMs = plan.dbTimeoutMs + 1_000;
  const hangName = `+${hangMs} ms per round trip for ${plan.hangSeconds} s (past the deadline)`;
  const timedOut = (e: ServerError) =>
    (e.status === 504 && e.problem) || unavailableWithRetryAfter(e);
  windows.push(await slowdown(targets, hangName, hangMs, plan.hangSeconds, timedOut));
  await at(runStart, plan.restartAt);
  windows.push(await workerRestart(targets));
  return windows;
}
