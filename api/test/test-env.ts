// A relative path: vitest.config.ts loads this file in Node, which cannot import the workspace
// package's TypeScript through node_modules.
import { DATA_RATE_LIMITS } from '../../shared/src/rate-limits.ts';

/**
 * Test values of every binding except the database ones, which the global setup fills in once the
 * local Neon HTTP server is listening. Imported by vitest.config.ts (Node) and by tests (workerd).
 */
export const TEST_ORIGIN = 'http://app.test';

export const TEST_BINDINGS = {
  ENVIRONMENT: 'test',
  BETTER_AUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  BETTER_AUTH_URL: TEST_ORIGIN,
  CORS_ORIGINS: `${TEST_ORIGIN}, http://localhost:5173`,
  JWT_ISSUER: TEST_ORIGIN,
  JWT_AUDIENCE: 'tasks-api',
  DB_TIMEOUT_MS: '5000',
  // A key pair of the tests' own (not refused in production mode, like the secret above).
  VAPID_PUBLIC_KEY:
    'BOqiVNDS9dqVcJ_WA9h9pKG8iikJRuQvEy0rMEb4GdJMt_8YP_TyxK6KHtVdDpIcP7AYw_0Koco4p3gFBduIj3A',
  VAPID_PRIVATE_KEY: 'yBzFEM7CqN2qEvMdiaynwiJxJSnAKbz0s71FiiVx9Jo',
  VAPID_SUBJECT: 'mailto:tests@example.invalid',
} as const;

const simple = (limit: { limit: number; periodSeconds: number }) => ({
  simple: { limit: limit.limit, period: limit.periodSeconds as 10 | 60 },
});

/**
 * Rate-limiting bindings of the test worker. The worker's own limiters get room for any suite
 * (many tests write hundreds of times as one user); the `PRODUCTION_*` copies carry the numbers
 * of wrangler.toml, for the tests that flood a route on purpose.
 */
export const TEST_RATE_LIMITS = {
  DATA_WRITE_LIMITER: simple({ limit: 1_000_000, periodSeconds: 60 }),
  DATA_READ_LIMITER: simple({ limit: 1_000_000, periodSeconds: 60 }),
  PRODUCTION_WRITE_LIMITER: simple(DATA_RATE_LIMITS.writes),
  PRODUCTION_READ_LIMITER: simple(DATA_RATE_LIMITS.expensiveReads),
};

/** Values the Node-side global setup hands to the workerd tests through `provide`/`inject`. */
export type TestContext = {
  /** `postgres://…` connection string the worker sends in `Neon-Connection-String`. */
  databaseUrl: string;
  /** The local Neon HTTP server's `/sql` endpoint. */
  neonHttpEndpoint: string;
  /** The fault proxy's `/sql` endpoint: neon-local behind a network the tests can break. */
  faultProxyEndpoint: string;
  /** Where to `POST /mode/<up|down|stall|error>` to break or mend that network. */
  faultProxyControl: string;
  /** Another fault proxy, for the sign-up test that cuts the database between statements. */
  cutProxyEndpoint: string;
  /** Its control address (`POST /cut/<n>`, `POST /mode/up`). */
  cutProxyControl: string;
  /** An `http://127.0.0.1:<port>/sql` URL nothing listens on. */
  deadEndpoint: string;
  /** `../shared/seed/openapi.yaml`, the seed's published contract, parsed. */
  seedOpenApi: Record<string, unknown>;
  /** The loopback stand-in push service (api/dev/push-standin), http://127.0.0.1:PORT. */
  pushStandinUrl: string;
};

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface ProvidedContext extends TestContext {}
}
