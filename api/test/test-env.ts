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
} as const;

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
  /** An `http://127.0.0.1:<port>/sql` URL nothing listens on. */
  deadEndpoint: string;
  /** `../shared/seed/openapi.yaml`, the seed's published contract, parsed. */
  seedOpenApi: Record<string, unknown>;
};

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  export interface ProvidedContext extends TestContext {}
}
