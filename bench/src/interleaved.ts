// The timed passes of a route, built here and sent from the load process (timed-pairs.ts): the
// floor's statements, the API's requests and the API's own recorded SQL, prepared before the
// clock starts. Request `i` of each side is a pure function of `i`.
import type { SqlCall } from './floor.ts';
import type { LoadResult } from './load.ts';
import type { LoadProcess } from './load-process.ts';
import type { BenchRoute, Fixtures } from './routes.ts';
import type { SqlHttp } from './sql-http.ts';
import type { PairsOutcome, TimedCall, TimedItem } from './timed-pairs.ts';

/** What a pass needs of the measure context (measure.ts's `MeasureContext` has all of it). */
export interface PassContext {
  sql: SqlHttp;
  fixtures: Fixtures;
  /** The worker's own socket. */
  routeOrigin: string;
  load: LoadProcess;
}

/** The API's recorded SQL calls, request by request. */
type Capture = { calls: SqlCall[][] };

export type Sides = { floor: LoadResult; api: LoadResult; ownSql?: LoadResult };

const sqlCall = (ctx: PassContext, { body, headers }: Omit<SqlCall, 'queries'>): TimedCall => ({
  url: ctx.sql.endpoint,
  method: 'POST',
  headers,
  body,
});

const ownSqlOf = (ctx: PassContext, capture: Capture, i: number) =>
  capture.calls[i % capture.calls.length]!.map((call) => sqlCall(ctx, call));

function toLoadResult(outcome: PairsOutcome, side: string): LoadResult {
  return { ...outcome.sides[side]!, wallMs: outcome.wallMs };
}

/**
 * Request `i` of the floor and of the API back to back, alternating which goes first, with
 * `concurrency` such pairs in flight: both sides see the same moments of machine load, so a
 * burst from another process lands on both rather than on whichever ran during it. For a read,
 * the API's own recorded SQL can ride along as a third side (a write's would collide with the
 * API's writes: see `ownSqlRun`).
 */
export async function interleavedRun(
  ctx: PassContext,
  route: BenchRoute,
  capture: Capture,
  options: { concurrency: number; amount: number; pass: string; ownSql: boolean },
): Promise<Sides> {
  const { amount, pass } = options;
  const items = Array.from({ length: amount }, (_, i): TimedItem => {
    const spec = route.request(i, ctx.fixtures, pass);
    const item: TimedItem = {
      floor: [sqlCall(ctx, ctx.sql.exchange(route.floor(i, ctx.fixtures, `floor-${pass}`)))],
      api: [{ ...spec, url: ctx.routeOrigin + spec.path }],
    };
    if (options.ownSql) item.ownSql = ownSqlOf(ctx, capture, i);
    return item;
  });
  const sides = options.ownSql ? ['floor', 'api', 'ownSql'] : ['floor', 'api'];
  const outcome = await ctx.load.run({ concurrency: options.concurrency, sides, items });
  return {
    floor: toLoadResult(outcome, 'floor'),
    api: toLoadResult(outcome, 'api'),
    ...(options.ownSql ? { ownSql: toLoadResult(outcome, 'ownSql') } : {}),
  };
}

/** The API's own SQL (as recorded), replayed raw: what the worker's queries cost on their own. */
export async function ownSqlRun(
  ctx: PassContext,
  capture: Capture,
  concurrency: number,
  amount: number,
): Promise<LoadResult> {
  const items = Array.from({ length: amount }, (_, i) => ({ ownSql: ownSqlOf(ctx, capture, i) }));
  const outcome = await ctx.load.run({ concurrency, sides: ['ownSql'], items });
  return toLoadResult(outcome, 'ownSql');
}
