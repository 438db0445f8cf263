import { apiPaths, IDEMPOTENCY_KEYS } from '@tasks/shared';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { testDb } from '../../../test/auth.ts';
import { newUser, type TestUser } from '../../../test/users.ts';
import { idempotencyKeys } from '../../db/schema/tasks.ts';

const create = (who: TestUser, key: string) =>
  who.call(apiPaths.tasks, json('POST', { title: 'keyed' }, { 'Idempotency-Key': key }));

/**
 * Stores `count` keys for `userId` straight in the table (the API would need `count` requests):
 * `old-1` is the newest, `old-<count>` the oldest, the first `ageSeconds` old.
 */
async function storeKeys(userId: string, count: number, ageSeconds = 60) {
  await testDb().execute(sql`
    insert into idempotency_keys (user_id, key, request_hash, response, created_at)
    select ${userId}::uuid, 'old-' || g, 'hash', '{}'::jsonb,
      now() - make_interval(secs => ${ageSeconds} + g)
    from generate_series(1, ${count}) as g`);
}

async function keysOf(userId: string): Promise<string[]> {
  const rows = await testDb()
    .select({ key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(eq(idempotencyKeys.userId, userId));
  return rows.map((row) => row.key);
}

describe('stored Idempotency-Keys', () => {
  it(`keep at most ${IDEMPOTENCY_KEYS.perUser} per user: a keyed create drops the oldest`, async () => {
    const [user, other] = await Promise.all([newUser('idem-cap'), newUser('idem-other')]);
    await storeKeys(user.id, IDEMPOTENCY_KEYS.perUser + 10);
    await storeKeys(other.id, 3);
    expect((await create(user, 'newest')).status).toBe(201);
    const kept = await keysOf(user.id);
    expect(kept).toHaveLength(IDEMPOTENCY_KEYS.perUser);
    expect(kept).toContain('newest');
    expect(kept).toContain('old-1');
    expect(kept).not.toContain(`old-${IDEMPOTENCY_KEYS.perUser}`);
    // Another user's keys are not this user's to drop.
    expect(await keysOf(other.id)).toHaveLength(3);
  });

  it(`are deleted once older than ${IDEMPOTENCY_KEYS.ttlHours} hours, by the user's next keyed create`, async () => {
    const user = await newUser('idem-expiry');
    await storeKeys(user.id, 2, IDEMPOTENCY_KEYS.ttlHours * 3600);
    expect((await create(user, 'fresh')).status).toBe(201);
    expect(await keysOf(user.id)).toEqual(['fresh']);
  });
});
