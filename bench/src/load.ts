// The summaries every figure shares (nearest-rank percentiles of float ms), and two load runners
// for sign-in, whose floor is a replay rather than a paired statement: autocannon drives HTTP at
// the API, a promise pool the floor. The routes' paired passes run in timed-pairs.ts.
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface HttpRequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  /** Every request's latency in ms, in completion order. */
  latencies: number[];
  /** Responses by HTTP status ('error' for a request that got no response). */
  statuses: Record<string, number>;
  wallMs: number;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
  /** Completed requests per second of wall time. */
  rps: number;
}

/** Nearest-rank percentile of an ascending array (the value at or below which p% of samples lie). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** p50, p99, mean and throughput of one run. */
export function summarize(result: LoadResult): LatencySummary {
  const sorted = [...result.latencies].sort((a, b) => a - b);
  const total = sorted.reduce((sum, value) => sum + value, 0);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    mean: round(total / Math.max(1, sorted.length)),
    max: round(sorted.at(-1) ?? Number.NaN),
    rps: round((sorted.length / Math.max(1, result.wallMs)) * 1000),
  };
}

export interface HttpLoadOptions {
  origin: string;
  connections: number;
  amount: number;
  /** Builds request `i` (0 ≤ i < amount); called exactly once per request sent. */
  request: (i: number) => HttpRequestSpec;
  timeoutSeconds?: number;
}

/** Sends exactly `amount` requests over `connections` keep-alive connections with autocannon. */
export async function runHttpLoad(options: HttpLoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.origin,
        connections: options.connections,
        amount: options.amount,
        timeout: options.timeoutSeconds ?? 30,
        // autocannon only notices it is done on a sample tick (1 s by default): tick often.
        sampleInt: 20,
        requests: [
          {
            // Must return the defaults too (host, port); autocannon builds the raw request from them.
            setupRequest: (defaults) => {
              const spec = options.request(next++);
              return { ...defaults, ...spec, headers: { ...defaults.headers, ...spec.headers } };
            },
          },
        ],
      },
      (error) => (error ? reject(error) : resolve()),
    );
    // 'response' carries the latency as float ms; autocannon's own histogram rounds to whole ms.
    instance.on('response', (_client, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
    instance.on('reqError', () => {
      statuses.error = (statuses.error ?? 0) + 1;
    });
  });
  return { latencies, statuses, wallMs: performance.now() - started };
}

export interface PoolOptions {
  concurrency: number;
  amount: number;
  /** Does unit of work `i`; a rejection is counted as an error, not retried. */
  task: (i: number) => Promise<void>;
}

/** Runs `amount` tasks with at most `concurrency` in flight, timing each one. */
export async function runPool(options: PoolOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < options.amount; i = next++) {
      const t0 = performance.now();
      try {
        await options.task(i);
        latencies.push(performance.now() - t0);
        statuses.ok = (statuses.ok ?? 0) + 1;
      } catch {
        statuses.error = (statuses.error ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { latencies, statuses, wallMs: performance.now() - started };
}
