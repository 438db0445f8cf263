import { apiPaths } from '@tasks/shared';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { api, callerWith, json } from '../../../test/api.ts';
import { GOOD_PASSWORD, testDb, uniqueEmail, uniqueIp } from '../../../test/auth.ts';
import { users } from '../../db/schema/index.ts';

const control = inject('cutProxyControl');
const post = async (path: string) => {
  expect((await fetch(`${control}${path}`, { method: 'POST' })).status).toBe(204);
};
// One deployment whose database traffic crosses a network the test can cut.
const call = callerWith({ NEON_HTTP_ENDPOINT: inject('cutProxyEndpoint') });

afterAll(() => post('/mode/up'));

describe('an interrupted sign-up', () => {
  // Sign-up makes 2 round trips (rate limit, then user + credential in one statement): cutting
  // the network before either leaves nothing behind, and the same sign-up then simply works.
  it.each([0, 1])(
    'leaves nothing half-done when the database fails after %i round trips',
    async (passes) => {
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const email = uniqueEmail('cut');
      const body = { email, password: GOOD_PASSWORD };
      const headers = { 'CF-Connecting-IP': uniqueIp() };
      await post(`/cut/${passes}`);
      const failed = await call(apiPaths.signup, json('POST', body, headers));
      expect(failed.status).toBeGreaterThanOrEqual(500);
      await post('/mode/up');
      expect(await testDb().select().from(users).where(eq(users.email, email))).toEqual([]);

      const retried = await call(apiPaths.signup, json('POST', body, headers));
      expect(retried.status, await retried.clone().text()).toBe(201);
      const login = await api(apiPaths.login, json('POST', body, headers));
      expect(login.status).toBe(200);
    },
  );
});
