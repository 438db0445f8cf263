import type { Database } from '../db/client.ts';
import { ACCESS_TOKEN_TTL_SECONDS, CLOCK_TOLERANCE_SECONDS } from './auth-config.ts';
import { loadAuthState, type SigningKeyRow } from './queries.ts';

/** A snapshot younger than this is used as is. */
export const AUTH_STATE_FRESH_MS = 30_000;
/**
 * Never trusted when older: a request meeting a snapshot this old reloads it before verifying,
 * so a revoked session or a removed key stops working within this bound in any isolate. Between
 * the two ages a request verifies with the snapshot and reloads it in the background.
 */
export const AUTH_STATE_MAX_AGE_MS = 60_000;
/** Revocations older than an access token's whole life guard nothing. */
export const REVOCATION_WINDOW_SECONDS = ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS;

/** Past this many sessions ended in this isolate, the stale ones are forgotten. */
const ENDED_HERE_PRUNE_SIZE = 1000;

export type AuthSnapshot = {
  keys: SigningKeyRow[];
  revokedSessions: ReadonlySet<string>;
  loadedAt: number;
};

/** Schedules work after the response (`ctx.waitUntil`); absent, the work is simply started. */
export type Background = (work: Promise<unknown>) => void;

/**
 * What verifying an access token needs from the database — the signing keys and the sessions
 * ended recently — held in isolate memory and re-read at most every 30 s, off the request path
 * while traffic flows. A warm request spends no round trip and no subrequest on auth.
 */
export class AuthState {
  private snapshot: AuthSnapshot | undefined;
  private loading: Promise<AuthSnapshot> | undefined;
  /** Sessions this isolate ended itself: refused at once, before any reload sees them. */
  private readonly endedHere = new Map<string, number>();

  /** The snapshot, reloaded first when missing or past the max age. */
  async current(db: Database, reloadDb: () => Database, background?: Background) {
    const snapshot = this.snapshot;
    const age = snapshot ? Date.now() - snapshot.loadedAt : Number.POSITIVE_INFINITY;
    // A snapshot stamped later than now (the clock stepped back) has no known age: reload it, or
    // it would pass for fresh until the clock caught up, and revocations would go unseen.
    if (!snapshot || age < 0 || age >= AUTH_STATE_MAX_AGE_MS) return this.load(db);
    if (age >= AUTH_STATE_FRESH_MS && !this.loading) {
      // Its own metered client: the reload belongs to no request's round-trip count.
      const reload = this.load(reloadDb()).catch((error: unknown) => {
        console.error(
          JSON.stringify({ level: 'error', msg: 'auth state reload', error: `${error}` }),
        );
      });
      (background ?? (() => undefined))(reload);
    }
    return snapshot;
  }

  /** The last snapshot whatever its age (signing tolerates a stale list), or a first load. */
  async latest(db: Database): Promise<AuthSnapshot> {
    return this.snapshot ?? this.load(db);
  }

  /** Reloads now; concurrent callers in one isolate share one read. */
  load(db: Database): Promise<AuthSnapshot> {
    this.loading ??= loadAuthState(db, REVOCATION_WINDOW_SECONDS)
      .then(({ keys, revokedSessionIds }) => {
        this.snapshot = { keys, revokedSessions: new Set(revokedSessionIds), loadedAt: Date.now() };
        return this.snapshot;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Records a key this isolate just created, so it signs and verifies without a reload. */
  rememberKey(row: SigningKeyRow): void {
    if (!this.snapshot) return;
    const keys = [...this.snapshot.keys.filter((known) => known.id !== row.id), row];
    this.snapshot = { ...this.snapshot, keys };
  }

  /** Records sessions this isolate just ended. */
  rememberEnded(sessionIds: readonly string[]): void {
    const now = Date.now();
    for (const id of sessionIds) this.endedHere.set(id, now);
    // Entries outlive their use by the revocation window only; the map stays small.
    if (this.endedHere.size > ENDED_HERE_PRUNE_SIZE) {
      for (const [id, endedAt] of this.endedHere) {
        if (now - endedAt >= REVOCATION_WINDOW_SECONDS * 1000) this.endedHere.delete(id);
      }
    }
  }

  /** True when `sessionId` ended according to `snapshot` or to this isolate. */
  isEnded(snapshot: AuthSnapshot, sessionId: string): boolean {
    if (snapshot.revokedSessions.has(sessionId)) return true;
    const endedAt = this.endedHere.get(sessionId);
    if (endedAt === undefined) return false;
    if (Date.now() - endedAt < REVOCATION_WINDOW_SECONDS * 1000) return true;
    this.endedHere.delete(sessionId);
    return false;
  }
}
