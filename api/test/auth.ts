import { env } from 'cloudflare:workers';
import { apiPaths, LoginResponseSchema, SignupResponseSchema } from '@tasks/shared';
import { expect } from 'vitest';
import { createAuth } from '../src/auth/create-auth.ts';
import { createDb } from '../src/db/client.ts';
import { createMeter } from '../src/db/meter.ts';
import { getEnv } from '../src/env.ts';
import { api, json } from './api.ts';
import { TEST_ORIGIN } from './test-env.ts';

/** A password that meets the seed's policy. */
export const GOOD_PASSWORD = 'Correct-horse-9';

/** A Drizzle client on the test database, to arrange what the API cannot (expired sessions…). */
export function testDb() {
  return createDb(getEnv(env), createMeter());
}

/** A client address no other test uses, so the per-IP rate limits never couple two tests. */
export function uniqueIp(): string {
  const [a = 0, b = 0, c = 0] = crypto.getRandomValues(new Uint8Array(3));
  return `10.${a}.${b}.${c}`;
}

/** An email address no other test uses. */
export function uniqueEmail(label = 'auth'): string {
  return `${label}-${crypto.randomUUID().slice(0, 12)}@example.test`;
}

/** Request headers of a browser on the trusted web origin, from its own address. */
export function browserHeaders(ip: string, extra: Record<string, string> = {}) {
  return { Origin: TEST_ORIGIN, 'CF-Connecting-IP': ip, ...extra };
}

/** Every `Set-Cookie` of a response (workerd has getSetCookie; the default types lack it). */
export function setCookies(response: Response): string[] {
  return (response.headers as Headers & { getSetCookie(): string[] }).getSetCookie();
}

/** `name=value` of the session cookie a response set (what a browser would send back). */
export function sessionCookieFrom(response: Response): string {
  const cookie = setCookies(response).find((header) =>
    /^(__Secure-)?better-auth\.session_token=/.test(header),
  );
  expect(cookie, 'session cookie').toBeDefined();
  return cookie!.split(';')[0]!;
}

export type SignedInUser = {
  id: string;
  email: string;
  ip: string;
  /** Access token of the browser session (the one `cookie` belongs to). */
  accessToken: string;
  /** Refresh token of a second session, a script's: browsers are never handed one. */
  refreshToken: string;
  /** `Cookie` header value carrying the session cookie. */
  cookie: string;
};

/** Logs in as a script does (no `Origin`, no cookie): answers the tokens, with a refresh token. */
export async function scriptLogIn(email: string, ip: string) {
  const login = await api(
    apiPaths.login,
    json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': ip }),
  );
  expect(login.status, await login.clone().text()).toBe(200);
  const tokens = LoginResponseSchema.parse(await login.json());
  expect(tokens.refresh_token, 'refresh token of a script login').toBeDefined();
  return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token! };
}

/** Signs a new user up and logs them in through the seed endpoints, as a browser and a script. */
export async function signUpAndLogIn(label = 'auth'): Promise<SignedInUser> {
  const user = await signUpAndLogInAsBrowser(label);
  const script = await scriptLogIn(user.email, user.ip);
  return { ...user, refreshToken: script.refreshToken };
}

/** Signs a new user up and logs them in as a browser on the web origin (no refresh token). */
export async function signUpAndLogInAsBrowser(
  label = 'auth',
): Promise<Omit<SignedInUser, 'refreshToken'>> {
  const email = uniqueEmail(label);
  const ip = uniqueIp();
  const signup = await api(
    apiPaths.signup,
    json('POST', { email, password: GOOD_PASSWORD }, { 'CF-Connecting-IP': ip }),
  );
  expect(signup.status, await signup.clone().text()).toBe(201);
  const { id } = SignupResponseSchema.parse(await signup.json());
  const login = await api(
    apiPaths.login,
    json('POST', { email, password: GOOD_PASSWORD }, browserHeaders(ip)),
  );
  expect(login.status, await login.clone().text()).toBe(200);
  const tokens = LoginResponseSchema.parse(await login.json());
  return { id, email, ip, accessToken: tokens.access_token, cookie: sessionCookieFrom(login) };
}

/** `init` plus `Authorization: Bearer <token>`. */
export function withBearer(token: string, init: RequestInit = {}): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return { ...init, headers };
}

/**
 * A JWT signed with the server's real signing key through Better Auth's server-only `signJWT`,
 * with whatever claims the test needs (expired, wrong audience…). Unset iss/aud get the real ones.
 */
export async function signWithServerKey(payload: Record<string, unknown>): Promise<string> {
  const auth = createAuth(getEnv(env), testDb());
  const { token } = await auth.api.signJWT({ body: { payload } });
  return token;
}

/** The seconds-since-epoch clock JWT claims use. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
