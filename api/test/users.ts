import { api } from './api.ts';
import { signUpAndLogInAsBrowser, withBearer } from './auth.ts';

/** A signed-up, logged-in user whose `call` sends its bearer token. */
export type TestUser = {
  id: string;
  email: string;
  token: string;
  call: (path: string, init?: RequestInit) => Promise<Response>;
};

/** Signs a fresh user up and logs them in through the real auth endpoints (each from its own IP). */
export async function newUser(label = 'user'): Promise<TestUser> {
  const { id, email, accessToken } = await signUpAndLogInAsBrowser(label);
  return {
    id,
    email,
    token: accessToken,
    call: (path, init) => api(path, withBearer(accessToken, init)),
  };
}
