import { createRoute, z } from '@hono/zod-openapi';
import { TaskCreateSchema } from '@tasks/shared';
import { sql } from 'drizzle-orm';
import { createApp } from '../src/app.ts';
import { PUBLIC_API_PATHS } from '../src/auth/auth-config.ts';
import { createRouter } from '../src/router.ts';

// Test-only routes mounted on a real app, to drive the error paths no production route exposes on
// demand (a crash, any SQLSTATE from the real database) and a JSON body without needing auth.

const echoRoute = createRoute({
  method: 'post',
  path: '/probe/echo',
  request: {
    body: { required: true, content: { 'application/json': { schema: TaskCreateSchema } } },
    query: z.strictObject({ limit: z.coerce.number().int().max(10).optional() }),
  },
  responses: { 201: { description: 'The parsed body' } },
});

const raiseRoute = createRoute({
  method: 'get',
  path: '/probe/raise/{sqlstate}',
  request: { params: z.object({ sqlstate: z.string().regex(/^[0-9A-Z]{5}$/) }) },
  responses: { 200: { description: 'Never: the database raises' } },
});

const probeRoutes = createRouter()
  .openapi(echoRoute, (c) => c.json(c.req.valid('json'), 201))
  .openapi(raiseRoute, async (c) => {
    // The SQLSTATE is validated above; Postgres raises exactly that error code.
    const code = c.req.valid('param').sqlstate;
    await c.var.db.execute(
      sql.raw(`do $$ begin raise exception 'probe' using errcode = '${code}'; end $$`),
    );
    return c.json({}, 200);
  });

probeRoutes.get('/probe/crash', () => {
  throw new Error('secret internals: password=hunter2 at /srv/app/src/db.ts:42');
});
probeRoutes.get('/probe/sql-error', async (c) => {
  await c.var.db.execute(sql`select 1 / 0, ${'secret-param'}::text`);
  return c.body(null, 204);
});
probeRoutes.get('/probe/bad-uuid', async (c) => {
  await c.var.db.execute(sql`select ${'not-a-uuid'}::uuid`);
  return c.body(null, 204);
});

/** The real app (all middleware, onError, 404/405) with the probe routes under /api/v1. */
export function createProbeApp() {
  // The probes stand in for routes of any kind, so they skip the access-token check.
  const app = createApp({ publicPaths: [...PUBLIC_API_PATHS, '/api/v1/probe/*'] });
  app.route('/api/v1', probeRoutes);
  return app;
}
