import type { Database } from './db/client.ts';
import type { DbMeter } from './db/meter.ts';
import type { Env } from './env.ts';

/** Hono's environment for every router of the API: raw bindings in, typed per-request variables. */
export type AppEnv = {
  Bindings: Record<string, unknown>;
  Variables: {
    env: Env;
    requestId: string;
    db: Database;
    meter: DbMeter;
    /** Set by the JWT middleware of `auth/`; absent on public routes. */
    userId: string;
    /** The session the access token was minted from (its `sid`); set with `userId`. */
    sessionId: string;
  };
};
