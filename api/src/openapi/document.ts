import type { OpenAPIHono } from '@hono/zod-openapi';
import { apiPaths } from '@tasks/shared';
import type { AppEnv } from '../app-env.ts';
import { documentRateLimits } from './rate-limit-responses.ts';

const INFO = {
  title: 'Tasks API',
  version: '1.0.0',
  description:
    'Multi-user task manager. Errors are RFC 9457 `application/problem+json`; every response ' +
    'carries `Server-Timing: db;dur=…;desc="<round trips>", total;dur=…`.',
};

/**
 * Registers the bearer scheme and serves the OpenAPI 3.1 document built from every route
 * mounted on `app`. Call after all feature routers are mounted; the document is built once per isolate.
 * Shared schemas become components through their zod `.meta({ id })`, not `registry.register()`:
 * that needs `.openapi()` on the schema, which zod v4 only adds to schemas created after
 * @hono/zod-openapi is first imported, so it would depend on module load order.
 */
export function serveOpenApiDocument(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'An access token from `POST /api/v1/auth/login` or `/auth/token`.',
  });

  let document: unknown;
  app.get(apiPaths.openapi, (c) => {
    // Hono's doc31() renders a generator exception as a 200-less JSON dump; build it ourselves so a
    // failure goes through onError like any other.
    if (!document) {
      const built = app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO });
      documentRateLimits(built.paths as Parameters<typeof documentRateLimits>[0]);
      document = built;
    }
    return c.json(document);
  });
}
