import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { API_PREFIX, apiPaths } from '@tasks/shared';
import type { AppEnv } from './app-env.ts';
import { ApiError, defaultHook, onError, problemResponse } from './errors.ts';
import { accessLog } from './middleware/access-log.ts';
import { apiBodyLimit } from './middleware/body-limit.ts';
import { corsFromEnv } from './middleware/cors.ts';
import { requestContext } from './middleware/request-context.ts';
import { apiSecureHeaders } from './middleware/secure-headers.ts';
import { docsPage } from './openapi/docs-page.ts';
import { serveOpenApiDocument } from './openapi/document.ts';
import { healthRoutes } from './routes/health/index.ts';

/** Assembles the API: middleware in order, one router per feature under /api/v1, one onError. */
export function createApp() {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.use(requestId());
  app.use(accessLog()); // outermost after the id: its Server-Timing covers every response
  app.use(corsFromEnv());
  app.use(apiSecureHeaders());
  app.use(apiBodyLimit());
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (_c, methods) => problemResponse(ApiError.methodNotAllowed(methods)),
    }),
  );
  app.use(requestContext());

  app.route(API_PREFIX, healthRoutes);

  serveOpenApiDocument(app);
  app.get(apiPaths.docs, docsPage);
  app.notFound(() => problemResponse(ApiError.notFound('No such endpoint.')));
  app.onError(onError);
  return app;
}

export const app = createApp();
