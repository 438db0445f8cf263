/** Per-request tally of database round trips, read by the Server-Timing header and the access log. */
export type DbMeter = {
  /** HTTP requests made to the Neon SQL endpoint (one per query or per batch). */
  roundTrips: number;
  /** Wall time spent waiting on those requests, in milliseconds. */
  durationMs: number;
};

/** A fresh meter for one incoming request. */
export function createMeter(): DbMeter {
  return { roundTrips: 0, durationMs: 0 };
}

/** Records one finished round trip that started at `startedAt` (a `Date.now()` value). */
export function recordRoundTrip(meter: DbMeter, startedAt: number): void {
  meter.roundTrips += 1;
  // Workers freeze the clock while JavaScript runs and advance it across I/O, so this is I/O time.
  meter.durationMs += Date.now() - startedAt;
}
