import { apiPaths } from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerWith, json } from '../../../test/api.ts';
import { withBearer } from '../../../test/auth.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { subscribeDevice } from '../../../test/reminders.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

let user: TestUser;
let subscription: { endpoint: string; keys: { p256dh: string; auth: string } };

beforeAll(async () => {
  user = await newUser('push');
  subscription = (await subscribeDevice(user)).subscription;
});

const post = (body: unknown) => user.call(apiPaths.pushSubscriptions, json('POST', body));

describe('push subscriptions', () => {
  it('serves the VAPID public key', async () => {
    const res = await user.call(apiPaths.pushPublicKey);
    expect(await res.json()).toEqual({ public_key: env.VAPID_PUBLIC_KEY });
  });

  it('is idempotent by endpoint, and deleting twice is fine', async () => {
    expect((await post(subscription)).status).toBe(204); // subscribeDevice registered it
    const gone = json('DELETE', { endpoint: subscription.endpoint });
    expect((await user.call(apiPaths.pushSubscriptions, gone)).status).toBe(204);
    expect((await user.call(apiPaths.pushSubscriptions, gone)).status).toBe(204);
    expect((await post(subscription)).status).toBe(201);
  });

  it.each([
    [{ keys: { p256dh: 'AAAA', auth: 'x' } }, ['keys.auth', 'keys.p256dh']],
    [{ keys: { p256dh: 'BAAA' } }, ['keys.p256dh']],
    [{ endpoint: 'ftp://push.test/1' }, ['endpoint']],
    [{ endpoint: 'not a url' }, ['endpoint']],
    [{ endpoint: 'http://push.example.com/1' }, ['endpoint']],
  ] as [{ endpoint?: string; keys?: object }, string[]][])(
    'refuses %j, naming the field',
    async (change, paths) => {
      const res = await post({
        ...subscription,
        ...change,
        keys: { ...subscription.keys, ...change.keys },
      });
      expect(errorPaths(await expectProblem(res, 400))).toEqual(paths);
    },
  );

  it('takes loopback http endpoints only outside production', async () => {
    const production = callerWith({ ENVIRONMENT: 'production' });
    const res = await production(
      apiPaths.pushSubscriptions,
      withBearer(user.token, json('POST', subscription)),
    );
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['endpoint']);
  });

  it('has no public key when push is not configured', async () => {
    const unconfigured = callerWith({
      VAPID_PUBLIC_KEY: '',
      VAPID_PRIVATE_KEY: '',
      VAPID_SUBJECT: '',
    });
    const res = await unconfigured(apiPaths.pushPublicKey, withBearer(user.token));
    await expectProblem(res, 404);
  });
});
