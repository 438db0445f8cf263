import type { LoginRequest, SignupRequest } from '@tasks/shared';
import { apiPaths, LoginResponseSchema, MeSchema, SignupResponseSchema } from 'virtual:contract';
import { tellOtherTabs } from '$lib/tab-sync';
import { send } from './http';
import { acceptToken, authorized, forgetToken } from './session';

// Sign-in and sign-up are rate limited: a 429 is shown to the user, never retried silently.
const NO_SERVER_RETRIES = 0;
/**
 * A log-in the database could not answer in time (503, 502, 504) is tried again: repeating it
 * changes nothing but, at worst, one more session. A sign-up is not: its first try may have
 * created the account, and the second would say the address is taken.
 */
const LOGIN_RETRIES = { serverRetries: 2, retryTooMany: false } as const;

/** Logs in: the API sets the session cookie and answers with a first access token. */
export async function logIn(credentials: LoginRequest): Promise<void> {
  const { data } = await send(apiPaths.login, {
    method: 'POST',
    body: credentials,
    schema: LoginResponseSchema,
    ...LOGIN_RETRIES,
  });
  acceptToken(data);
  tellOtherTabs({ type: 'signed-in' });
}

/** Creates the account, then logs in with the same credentials. */
export async function signUp(account: SignupRequest): Promise<void> {
  await send(apiPaths.signup, {
    method: 'POST',
    body: account,
    schema: SignupResponseSchema,
    serverRetries: NO_SERVER_RETRIES,
  });
  await logIn({ email: account.email, password: account.password });
}

/** Ends the session on the server and in every open tab. */
export async function logOut(): Promise<void> {
  forgetToken('signed-out');
  try {
    await send(apiPaths.logout, { method: 'POST', serverRetries: NO_SERVER_RETRIES });
  } finally {
    forgetToken('signed-out'); // again: a refresh may have raced the logout
    tellOtherTabs({ type: 'signed-out' });
  }
}

/** The signed-in user's profile. */
export async function me() {
  return (await authorized(apiPaths.me, { schema: MeSchema })).data;
}
