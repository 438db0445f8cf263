import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { API_PREFIX, apiPaths } from '@tasks/shared';
import type { AppEnv } from './app-env.ts';
import { AUTH_BASE_PATH, PUBLIC_API_PATHS } from './auth/auth-config.ts';
import { requireUser } from './auth/require-user.ts';
import { authRoutes, meRoutes, passwordRoutes } from './auth/routes/index.ts';
import { ApiError, problemResponse } from './api-error.ts';
import { defaultHook, onError } from './error-handler.ts';
import { accessLog } from './middleware/access-log.ts';
import { apiBodyLimit } from './middleware/body-limit.ts';
import { corsFromEnv } from './middleware/cors.ts';
import { dataRateLimits } from './middleware/data-rate-limits.ts';
import { emptyBodyIsNoBody } from './middleware/empty-body/index.ts';
import { requestContext } from './middleware/request-context.ts';
import { apiSecureHeaders } from './middleware/secure-headers.ts';
import { docsPage } from './openapi/docs-page.ts';
import { serveOpenApiDocument } from './openapi/document.ts';
import { changeRoutes } from './routes/changes/index.ts';
import { healthRoutes } from './routes/health/index.ts';
import { invitationRoutes } from './routes/invitations/index.ts';
import { liveRoutes } from './routes/live/index.ts';
import { listRoutes } from './routes/lists/index.ts';
import { memberRoutes } from './routes/members/index.ts';
import { pushRoutes } from './routes/push/index.ts';
import { reminderRoutes } from './routes/reminders/index.ts';
import { sessionRoutes } from './routes/sessions/index.ts';
import { tagRoutes } from './routes/tags/index.ts';
import { taskRoutes } from './routes/tasks/index.ts';

/** Assembles the API: middleware in order, one router per feature under /api/v1, one onError. */
export function createApp({
  publicPaths = PUBLIC_API_PATHS,
}: { publicPaths?: readonly string[] } = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook });

  app.use(requestId());
  app.use(accessLog()); // outermost after the id: its Server-Timing covers every response
  app.use(corsFromEnv());
  app.use(apiSecureHeaders());
  app.use(apiBodyLimit());
  app.use(emptyBodyIsNoBody()); // before anything reads the body: routes, validators, Better Auth
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (_c, methods) => problemResponse(ApiError.methodNotAllowed(methods)),
    }),
  );
  app.use(requestContext());
  app.use(`${API_PREFIX}/*`, requireUser({ publicPaths })); // every route not listed public
  app.use(`${API_PREFIX}/*`, dataRateLimits()); // per user: task writes, search, tags, counts

  app.route(API_PREFIX, healthRoutes);
  app.route(API_PREFIX, taskRoutes);
  app.route(API_PREFIX, tagRoutes);
  app.route(API_PREFIX, listRoutes);
  app.route(API_PREFIX, changeRoutes);
  app.route(API_PREFIX, liveRoutes);
  app.route(API_PREFIX, memberRoutes);
  app.route(API_PREFIX, invitationRoutes);
  app.route(API_PREFIX, pushRoutes);
  app.route(API_PREFIX, reminderRoutes);
  app.route(AUTH_BASE_PATH, authRoutes);
  app.route(API_PREFIX, meRoutes);
  app.route(API_PREFIX, passwordRoutes);
  app.route(API_PREFIX, sessionRoutes);

  serveOpenApiDocument(app);
  app.get(apiPaths.docs, docsPage);
  app.notFound(() => problemResponse(ApiError.notFound('No such endpoint.')));
  app.onError(onError);
  return app;
}

export const app = createApp();
