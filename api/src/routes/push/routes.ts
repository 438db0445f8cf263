import { createRoute, z, type RouteHandler } from '@hono/zod-openapi';
import {
  PROBLEM_CONTENT_TYPE,
  ProblemSchema,
  PushSubscriptionInputSchema,
  PushUnsubscribeSchema,
  VapidPublicKeySchema,
  pushEndpointIssue,
} from '@tasks/shared';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../api-error.ts';
import type { Env } from '../../env.ts';
import { deleteSubscription, saveSubscription } from './queries.ts';

const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});
const security = [{ bearer: [] }];
const tags = ['push'];
const body = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

export const publicKeyRoute = createRoute({
  method: 'get',
  path: '/push/public-key',
  tags,
  security,
  summary: 'The VAPID public key (base64url) to subscribe with',
  responses: {
    200: {
      description: 'The key',
      content: { 'application/json': { schema: VapidPublicKeySchema } },
    },
    401: problem('Missing, expired or invalid bearer token'),
    404: problem('Web Push is not configured on this server'),
  },
});

export const subscribeRoute = createRoute({
  method: 'post',
  path: '/push/subscriptions',
  tags,
  security,
  summary: 'Register this device for pushes (idempotent by endpoint)',
  request: { body: body(PushSubscriptionInputSchema) },
  responses: {
    201: { description: 'Registered' },
    204: { description: 'Was already registered; keys updated' },
    400: problem('A field is invalid; `errors[].path` names it'),
    401: problem('Missing, expired or invalid bearer token'),
  },
});

export const unsubscribeRoute = createRoute({
  method: 'delete',
  path: '/push/subscriptions',
  tags,
  security,
  summary: 'Stop pushes to this device (idempotent)',
  request: { body: body(PushUnsubscribeSchema) },
  responses: {
    204: { description: 'Not registered (any more)' },
    400: problem('A field is invalid; `errors[].path` names it'),
    401: problem('Missing, expired or invalid bearer token'),
  },
});

const allowsLoopback = (env: Env) => env.ENVIRONMENT !== 'production';

export const publicKeyHandler: RouteHandler<typeof publicKeyRoute, AppEnv> = (c) => {
  const key = c.var.env.VAPID_PUBLIC_KEY;
  if (!key) throw ApiError.notFound('Web Push is not configured on this server.');
  return c.json({ public_key: key }, 200);
};

export const subscribeHandler: RouteHandler<typeof subscribeRoute, AppEnv> = async (c) => {
  const { endpoint, keys } = c.req.valid('json');
  const issue = pushEndpointIssue(endpoint, allowsLoopback(c.var.env));
  if (issue)
    throw ApiError.badRequest(`endpoint: ${issue}.`, [{ path: 'endpoint', message: issue }]);
  const { created } = await saveSubscription(c.var.db, c.var.userId, { endpoint, ...keys });
  return c.body(null, created ? 201 : 204);
};

export const unsubscribeHandler: RouteHandler<typeof unsubscribeRoute, AppEnv> = async (c) => {
  await deleteSubscription(c.var.db, c.var.userId, c.req.valid('json').endpoint);
  return c.body(null, 204);
};
