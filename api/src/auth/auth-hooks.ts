import type { BetterAuthPlugin } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { getJwtToken, type JwtOptions } from 'better-auth/plugins/jwt';
import { PasswordSchema } from '@tasks/shared';

/** Response header carrying the access token, as the jwt plugin names it on `/get-session`. */
export const ACCESS_TOKEN_HEADER = 'set-auth-jwt';

/** Better Auth error code for a password that breaks the seed's policy. */
export const WEAK_PASSWORD = 'WEAK_PASSWORD';

/** Every Better Auth endpoint that sets a password, and the body field that carries it. */
const PASSWORD_FIELDS: Record<string, string> = {
  '/sign-up/email': 'password',
  '/change-password': 'newPassword',
  '/set-password': 'newPassword',
  '/reset-password': 'newPassword',
};

/**
 * Before-hook enforcing the seed's password policy (length and letter cases) wherever Better Auth
 * accepts a new password, whether called over HTTP or through `auth.api`.
 */
export const enforcePasswordPolicy = createAuthMiddleware(async (ctx) => {
  const field = PASSWORD_FIELDS[ctx.path ?? ''];
  if (!field) return;
  const body: unknown = ctx.body;
  const value = typeof body === 'object' && body !== null ? Reflect.get(body, field) : undefined;
  const result = PasswordSchema.safeParse(value);
  if (result.success) return;
  const message = result.error.issues.map((issue) => issue.message).join('; ');
  throw new APIError('BAD_REQUEST', { code: WEAK_PASSWORD, message, field });
});

/**
 * Signs the access token of a session the moment sign-in creates it (the jwt plugin only does so
 * on `/get-session`), so logging in costs no extra session lookup. Same payload as the plugin's.
 */
export function accessTokenOnSignIn(jwtOptions: JwtOptions): BetterAuthPlugin {
  return {
    id: 'access-token-on-sign-in',
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === '/sign-in/email',
          handler: createAuthMiddleware(async (ctx) => {
            const session = ctx.context.newSession;
            if (!session) return;
            const withSession = { ...ctx, context: { ...ctx.context, session } };
            ctx.setHeader(ACCESS_TOKEN_HEADER, await getJwtToken(withSession, jwtOptions));
          }),
        },
      ],
    },
  };
}
