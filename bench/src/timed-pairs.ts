// The measured loop itself, shared by the load process and its parent's types: request `i` of
// every side back to back (alternating which goes first), `concurrency` such groups in flight.
// It runs in a process of its own (load-child.ts) whose heap holds nothing but the prepared
// calls, so a garbage collection of the bench's own heap (fixtures, captures, Miniflare) cannot
// pause a request mid-flight: measured, that heap's scavenges took 7 ms at p50 (decision 0037).
import { performance } from 'node:perf_hooks';

/** One prepared HTTP exchange: a raw SQL-over-HTTP call or a request to the worker. */
export interface TimedCall {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Each side of request `i` is a sequence of calls (the API's own SQL may be several). */
export type TimedItem = Record<string, TimedCall[]>;

export interface PairsJob {
  concurrency: number;
  /** The sides in the order request 0 sends them; odd requests send them in reverse. */
  sides: string[];
  items: TimedItem[];
}

export interface SideOutcome {
  /** Latency in ms of every request that got its answers, in completion order. */
  latencies: number[];
  /** Answers by HTTP status (the last call's; the first non-2xx one's), 'error' when none came. */
  statuses: Record<string, number>;
}

export interface PairsOutcome {
  sides: Record<string, SideOutcome>;
  wallMs: number;
}

/** Sends one side's calls in order and reads every answer whole; the status that sums them up. */
async function sendCalls(calls: TimedCall[]): Promise<string> {
  let status = 0;
  for (const call of calls) {
    const response = await fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
    });
    await response.arrayBuffer();
    status = response.status;
    if (!response.ok) break;
  }
  return String(status);
}

/** Runs a job; latencies are float ms around each side's calls, answers read whole. */
export async function runPairs(job: PairsJob): Promise<PairsOutcome> {
  const sides: Record<string, SideOutcome> = {};
  for (const side of job.sides) sides[side] = { latencies: [], statuses: {} };
  const step = async (side: string, item: TimedItem) => {
    const outcome = sides[side]!;
    const started = performance.now();
    let status = 'error';
    try {
      status = await sendCalls(item[side]!);
      outcome.latencies.push(performance.now() - started);
    } catch {
      // No answer: counted under 'error', no latency.
    }
    outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1;
  };
  const reversed = [...job.sides].reverse();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < job.items.length; i = next++) {
      for (const side of i % 2 === 0 ? job.sides : reversed) await step(side, job.items[i]!);
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, worker));
  return { sides, wallMs: performance.now() - started };
}
