import { ApiError } from '../../api-error.ts';
import { createRouter } from '../../router.ts';
import { AUTH_BASE_PATH } from '../auth-config.ts';
import { problemUnlessOk } from '../auth-errors.ts';
import { createAuth } from '../create-auth.ts';

/**
 * The Better Auth endpoints browsers may call directly (all cookie-authenticated, all behind its
 * origin check and limiter). Anything not listed is 404, so a Better Auth upgrade cannot quietly
 * add a public endpoint; sign-in and sign-up go through the rate-limited seed endpoints.
 */
const NATIVE_ENDPOINTS: ReadonlyMap<string, readonly string[]> = new Map([
  ['/get-session', ['GET']],
  ['/sign-out', ['POST']],
  ['/list-sessions', ['GET']],
  ['/revoke-session', ['POST']],
  ['/revoke-sessions', ['POST']],
  ['/revoke-other-sessions', ['POST']],
  ['/change-password', ['POST']],
  ['/update-user', ['POST']],
]);

/** `GET|POST /auth/*`: the allowlisted Better Auth endpoints, errors turned into problems. */
export const nativeAuthRoutes = createRouter().on(['GET', 'POST'], '/*', async (c) => {
  const methods = NATIVE_ENDPOINTS.get(c.req.path.slice(AUTH_BASE_PATH.length));
  if (!methods) throw ApiError.notFound('No such endpoint.');
  if (!methods.includes(c.req.method)) throw ApiError.methodNotAllowed(methods);
  return problemUnlessOk(await createAuth(c.var.env, c.var.db).handler(c.req.raw));
});
