import pg from 'pg';

/** PostgreSQL's "terminating connection due to administrator command": the server shutting down. */
const ADMIN_SHUTDOWN = '57P01';

/**
 * A pool for a dev-suite test's own statements against its throwaway cluster. `pool.end()`
 * resolves once its clients are told to end, not once their sockets close, so the cluster's stop
 * in the same `afterAll` can still reach one with 57P01; with no listener the pool re-emits that
 * as an unhandled error and fails the whole run. Only that error is expected.
 */
export function testPool(connectionString: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== ADMIN_SHUTDOWN) throw error;
  });
  return pool;
}
