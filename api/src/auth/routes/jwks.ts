import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { createRouter } from '../../router.ts';
import { callAuth } from '../auth-errors.ts';
import { createAuth } from '../create-auth.ts';
import { json } from './openapi.ts';

const JwksSchema = z
  .object({
    keys: z.array(
      z.looseObject({
        kid: z.string(),
        kty: z.string(),
        alg: z.string(),
        crv: z.string(),
        x: z.string(),
      }),
    ),
  })
  .meta({ id: 'JSONWebKeySet' });

const jwksRoute = createRoute({
  method: 'get',
  path: '/jwks',
  tags: ['auth'],
  summary: 'Public keys that verify access tokens',
  responses: { 200: json(JwksSchema, 'The Ed25519 public keys, by `kid`') },
});

/** `GET /auth/jwks`: the jwt plugin's key set, served from the isolate's key ring. */
export const jwksRoutes = createRouter().openapi(jwksRoute, async (c) => {
  const jwks = await callAuth(createAuth(c.var.env, c.var.db).api.getJwks());
  c.header('Cache-Control', 'public, max-age=300');
  return c.json(JwksSchema.parse(jwks), 200);
});
