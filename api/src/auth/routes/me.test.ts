import { apiPaths, MeSchema } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { errorPaths, expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { postTask } from '../../../test/tasks.ts';
import { newUser } from '../../../test/users.ts';

describe('the caller’s time zone', () => {
  it('starts unset, is set by PATCH /me in one round trip, in the tz database letter case', async () => {
    const user = await newUser('me-zone');
    const before = MeSchema.parse(await (await user.call(apiPaths.me)).json());
    expect(before.time_zone).toBeNull();

    const res = await user.call(apiPaths.me, json('PATCH', { time_zone: 'america/new_york' }));
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    expect(MeSchema.parse(await res.json())).toEqual({ ...before, time_zone: 'America/New_York' });
    const after = MeSchema.parse(await (await user.call(apiPaths.me)).json());
    expect(after.time_zone).toBe('America/New_York');
  });

  it('refuses what is not an IANA zone, naming the field', async () => {
    const user = await newUser('me-zone-bad');
    // The last two are names Intl knows and PostgreSQL's tz database does not.
    const zones = ['+05:30', 'Mars/Olympus', 'US/Pacific-New', 'Canada/East-Saskatchewan'];
    await postTask(user, { title: 'Floating', due_date: '2027-01-01', due_time: '09:00' });
    for (const body of [...zones.map((zone) => ({ time_zone: zone })), {}]) {
      const res = await user.call(apiPaths.me, json('PATCH', body));
      expect(errorPaths(await expectProblem(res, 400))).toEqual(['time_zone']);
    }
    const res = await user.call(apiPaths.me, json('PATCH', { time_zone: 'UTC', name: 'x' }));
    expect(errorPaths(await expectProblem(res, 400))).toEqual(['name']);
  });
});
