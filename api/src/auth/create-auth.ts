import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth/minimal';
import { jwt, type Jwk, type JwtOptions } from 'better-auth/plugins/jwt';
import { PASSWORD_MAX, PASSWORD_MIN } from '@tasks/shared';
import type { Database } from '../db/client.ts';
import { accounts, jwks, sessions, users, verifications } from '../db/schema/index.ts';
import type { Env } from '../env.ts';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  AUTH_BASE_PATH,
  CLOCK_TOLERANCE_SECONDS,
  SESSION_IDLE_TIMEOUT_SECONDS,
} from './auth-config.ts';
import { accessTokenOnSignIn, enforcePasswordPolicy } from './auth-hooks.ts';
import { IP_ADDRESS_OPTIONS, sharedRateLimitStorage } from './rate-limit.ts';
import type { SigningKeyRow } from './queries.ts';
import { accessTokenLifetime } from './session-lifetime.ts';
import { ACCESS_TOKEN_ALG, keyRingFor, SIGNING_KEY_ROTATION_SECONDS } from './signing-keys.ts';

/** Better Auth's model names → our tables (the adapter looks tables up by model name). */
const AUTH_TABLES = {
  user: users,
  session: sessions,
  account: accounts,
  verification: verifications,
  jwks,
};

/**
 * No Better Auth endpoint is reachable over HTTP (the app mounts only the seed endpoints and
 * `/jwks`); these are also switched off inside Better Auth in case a route ever forwarded to it.
 */
const DISABLED_PATHS = ['/sign-in/email', '/sign-up/email', '/token', '/update-user'];

/**
 * Better Auth for one request. Workers expose bindings only per request, and the Drizzle client
 * carries the request's round-trip meter, so the instance cannot live at module scope; the
 * signing keys it reads live in the isolate's key ring instead.
 */
export function createAuth(env: Env, db: Database) {
  const jwtOptions = accessTokenOptions(env, db);
  const secureCookies = env.ENVIRONMENT === 'production';
  return betterAuth({
    appName: 'Tasks',
    baseURL: env.BETTER_AUTH_URL,
    basePath: AUTH_BASE_PATH,
    secret: env.BETTER_AUTH_SECRET,
    // CSRF: state-changing cookie requests must come from an origin CORS also allows.
    trustedOrigins: env.CORS_ORIGINS,
    // neon-http has no interactive transactions; each adapter call is its own statement.
    database: drizzleAdapter(db, { provider: 'pg', schema: AUTH_TABLES, transaction: false }),
    telemetry: { enabled: false },
    logger: { level: 'error' },
    // Sign-up writes the user and credential itself, in one statement (routes/signup.ts).
    emailAndPassword: {
      enabled: true,
      minPasswordLength: PASSWORD_MIN,
      maxPasswordLength: PASSWORD_MAX,
      autoSignIn: false,
    },
    // updateAge 0: every use of the session (a token refresh) pushes its expiry a full day out.
    session: { expiresIn: SESSION_IDLE_TIMEOUT_SECONDS, updateAge: 0 },
    rateLimit: {
      enabled: true,
      customStorage: sharedRateLimitStorage(db),
      customRules: { '/jwks': false, '/get-session': false },
    },
    disabledPaths: DISABLED_PATHS,
    hooks: { before: enforcePasswordPolicy },
    advanced: {
      useSecureCookies: secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: secureCookies },
      // Better Auth skips these checks when NODE_ENV=test; keep them on everywhere.
      disableCSRFCheck: false,
      disableOriginCheck: false,
      ipAddress: IP_ADDRESS_OPTIONS,
      // One relational query for session+user and user+accounts instead of two round trips.
      // generateId 'uuid': on Postgres the adapter leaves ids to the columns' gen_random_uuid()
      // default, so users, sessions and keys get the seed's `format: uuid` ids.
      database: { joins: true, generateId: 'uuid' },
    },
    // No bearer plugin: it would put the session token in a `set-auth-token` header that page
    // scripts can read. Refresh tokens are handled by routes/token.ts.
    plugins: [jwt(jwtOptions), accessTokenOnSignIn(jwtOptions)],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The jwt plugin's options: Ed25519, small payload, keys served from the isolate's key ring. */
function accessTokenOptions(env: Env, db: Database): JwtOptions {
  const ring = keyRingFor(env);
  return {
    jwks: {
      keyPairConfig: { alg: ACCESS_TOKEN_ALG, crv: 'Ed25519' },
      rotationInterval: SIGNING_KEY_ROTATION_SECONDS,
      // A retired key stays in the JWKS document as long as tokens it signed may be presented.
      gracePeriod: ACCESS_TOKEN_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS,
    },
    jwt: {
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      expirationTime: `${ACCESS_TOKEN_TTL_SECONDS}s`,
      // sub (the user id) is added by the plugin; sid ties the token to its session, so ending
      // the session refuses it; exp never outlives the session's absolute lifetime.
      definePayload: ({ session }) => {
        const { iat, exp } = accessTokenLifetime(session.createdAt);
        return { sid: session.id, iat, exp };
      },
    },
    adapter: {
      getJwks: async () => (await ring.signingKeys(db)).map(toJwk),
      async createJwk(webKey, ctx) {
        const jwk = await ctx.context.adapter.create<Omit<Jwk, 'id'>, Jwk>({
          model: 'jwks',
          data: webKey,
        });
        ring.state.rememberKey({
          ...jwk,
          expiresAt: jwk.expiresAt ?? null,
          alg: jwk.alg ?? null,
          crv: jwk.crv ?? null,
        });
        return jwk;
      },
    },
  };
}

/** A `jwks` row as the jwt plugin types it (absent rather than null). */
function toJwk(row: SigningKeyRow): Jwk {
  return {
    id: row.id,
    publicKey: row.publicKey,
    privateKey: row.privateKey,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt ?? undefined,
    alg: (row.alg ?? undefined) as Jwk['alg'],
    crv: (row.crv ?? undefined) as Jwk['crv'],
  };
}
