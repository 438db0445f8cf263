import { apiPaths, TaskSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { json } from '../../../test/api.ts';
import { testDb } from '../../../test/auth.ts';
import { expectProblem } from '../../../test/problem.ts';
import { listAll } from '../../../test/tasks.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { idempotencyKeys } from '../../db/schema/tasks.ts';

let user: TestUser;

beforeAll(async () => {
  user = await newUser('idem');
});

const create = (who: TestUser, key: string, body: object) =>
  who.call(apiPaths.tasks, json('POST', body, { 'Idempotency-Key': key }));

async function snapshot(res: Response) {
  const body = TaskSchema.parse(await res.json());
  return { status: res.status, location: res.headers.get('Location'), body };
}

describe('Idempotency-Key', () => {
  it('replays the first response for a retry and creates nothing more', async () => {
    const key = crypto.randomUUID();
    const body = { title: 'Pay rent', tags: ['Home'], due_at: '2026-02-01T00:00:00+01:00' };
    const first = await create(user, key, body);
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const original = await snapshot(first);

    // Mutate the task in between: the replay is still the first response, verbatim.
    await user.call(apiPaths.task(original.body.id), json('PATCH', { title: 'Changed' }));
    // The same body with a default spelled out.
    const retry = await create(user, key, { priority: 'Medium', ...body });
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await snapshot(retry)).toEqual(original);

    const titles = (await listAll(user)).filter((task) => task.id === original.body.id);
    expect(titles).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 and creates nothing', async () => {
    const key = crypto.randomUUID();
    await create(user, key, { title: 'First' });
    const before = await listAll(user);
    await expectProblem(await create(user, key, { title: 'Second' }), 422, {
      errors: [{ path: 'idempotency-key', message: 'already used with a different body' }],
    });
    expect(await listAll(user)).toEqual(before);
  });

  it('creates exactly one task when the retries arrive concurrently', async () => {
    const key = crypto.randomUUID();
    const title = `Concurrent ${key}`;
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => create(user, key, { title })),
    );
    const bodies = await Promise.all(responses.map(snapshot));
    expect(bodies.map((b) => b.status)).toEqual(Array(8).fill(201));
    expect(new Set(bodies.map((b) => JSON.stringify(b.body))).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    const matching = (await listAll(user, `q=${encodeURIComponent(key)}`)).map((t) => t.title);
    expect(matching).toEqual([title]);
  });

  it('forgets a key after 24 hours: the same key then creates a new task', async () => {
    const key = crypto.randomUUID();
    const first = await snapshot(await create(user, key, { title: 'Day one' }));
    // Age the key as if a day had passed (the API has no clock to move).
    await testDb()
      .update(idempotencyKeys)
      .set({ createdAt: sql`now() - interval '24 hours 1 second'` })
      .where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key)));
    const later = await create(user, key, { title: 'Day two' });
    expect(later.headers.get('Idempotent-Replayed')).toBeNull();
    const second = await snapshot(later);
    expect(second.body).toMatchObject({ title: 'Day two' });
    expect(second.body.id).not.toBe(first.body.id);
    // …and the new first response is what retries now replay.
    expect(await snapshot(await create(user, key, { title: 'Day two' }))).toEqual(second);
  });

  it('scopes keys per user', async () => {
    const other = await newUser('idem-other');
    const key = crypto.randomUUID();
    const mine = await snapshot(await create(user, key, { title: 'Mine' }));
    const theirs = await snapshot(await create(other, key, { title: 'Theirs' }));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.user_id).toBe(other.id);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
  ])('rejects a %s key naming the header', async (_label, key) => {
    const res = await create(user, key, { title: 'Bad key' });
    await expectProblem(res, 400, {
      errors: [expect.objectContaining({ path: 'idempotency-key' })],
    });
  });

  it('validates the body before looking at the key', async () => {
    const res = await create(user, crypto.randomUUID(), { title: '' });
    await expectProblem(res, 400, { errors: [expect.objectContaining({ path: 'title' })] });
  });
});
