import { expect } from 'vitest';

/** The metrics of a `Server-Timing` header: `{ db: { dur: 3, desc: '1' }, total: { dur: 5 } }`. */
export function parseServerTiming(
  header: string | null,
): Record<string, { dur?: number; desc?: string }> {
  const metrics: Record<string, { dur?: number; desc?: string }> = {};
  for (const entry of (header ?? '').split(',')) {
    const [name, ...params] = entry.trim().split(';');
    if (!name) continue;
    const metric: { dur?: number; desc?: string } = {};
    for (const param of params) {
      const [key, raw = ''] = param.trim().split('=');
      if (key === 'dur') metric.dur = Number(raw);
      if (key === 'desc') metric.desc = raw.replace(/^"|"$/g, '');
    }
    metrics[name] = metric;
  }
  return metrics;
}

/** How many database round trips the worker says it made to serve `response`. */
export function dbRoundTrips(response: Response): number {
  const header = response.headers.get('Server-Timing');
  const db = parseServerTiming(header).db;
  expect(db?.desc, `Server-Timing: ${header}`).toMatch(/^\d+$/);
  return Number(db?.desc);
}
