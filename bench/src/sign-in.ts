// What a sign-in costs inside workerd beyond its SQL: measured as the API's p50 minus the p50 of
// replaying that sign-in's exact SQL. What remains is the password hash (scrypt) plus token
// signing — workerd freezes its clock while JavaScript runs, so the worker cannot time it itself.
import { apiPaths } from '@tasks/shared';
import { replayRaw } from './floor.ts';
import { captureRoute, type CapturedRoute, type MeasureContext } from './measure.ts';
import { runHttpLoad, runPool, summarize } from './load.ts';
import { BENCH_PASSWORD } from './seed.ts';

export interface SignInResult {
  requests: number;
  roundTrips: number;
  apiP50: number;
  floorP50: number;
  hashMs: number;
}

/** Signs in `requests` times at concurrency 1 (the current delay applies) and compares to the floor. */
export async function measureSignIn(ctx: MeasureContext, requests: number): Promise<SignInResult> {
  const account = ctx.fixtures.accounts.small;
  const route: CapturedRoute = {
    name: 'sign-in',
    kind: 'sign-in',
    shown: `POST ${apiPaths.login}`,
    dataset: 'small',
    writes: false,
    request: () => ({
      method: 'POST',
      path: apiPaths.login,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: BENCH_PASSWORD }),
    }),
  };
  // Each sign-in inserts a session: replaying its INSERT needs the rows gone again. Only the ones
  // made here: ending the session behind the bench's own access tokens revokes them (decision 0011).
  const [[since]] = (await ctx.sql.query('SELECT now()::text')) as [[string]];
  const forgetSessions = () =>
    ctx.sql
      .query('DELETE FROM sessions WHERE user_id = $1 AND created_at >= $2::timestamptz', [
        account.userId,
        since,
      ])
      .then(() => undefined);
  const capture = await captureRoute(route, { ...ctx, requests }, true);
  await forgetSessions();
  const floor = summarize(
    await runPool({
      concurrency: 1,
      amount: requests,
      task: (i) => replayRaw(ctx.sql, capture.calls[i]!),
    }),
  );
  await forgetSessions();
  const load = await runHttpLoad({
    origin: ctx.apiOrigin,
    connections: 1,
    amount: requests,
    request: (i) => route.request(i, ctx.fixtures, 'api'),
  });
  if (load.statuses['200'] !== requests) {
    throw new Error(`sign-in: not every attempt succeeded: ${JSON.stringify(load.statuses)}`);
  }
  const api = summarize(load);
  return {
    requests,
    roundTrips: capture.roundTrips,
    apiP50: api.p50,
    floorP50: floor.p50,
    hashMs: Math.round((api.p50 - floor.p50) * 100) / 100,
  };
}
