// A batch is one transaction: all of it commits, or none of it does.
import { NeonDbError } from '@neondatabase/serverless';
import { count } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { items } from './schema.ts';
import type { Fidelity } from './context.ts';

export function batchTests(t: Fidelity) {
  const countItems = async () => (await t.db.select({ n: count() }).from(items))[0]?.n;

  it('runs sql.transaction as one transaction and returns each result', async () => {
    const [first, second, total] = await t.sql.transaction((sql) => [
      sql`INSERT INTO fidelity_items (title) VALUES ('a') RETURNING id, title`,
      sql`INSERT INTO fidelity_items (title) VALUES ('b') RETURNING id, title`,
      sql`SELECT count(*)::int AS n, txid_current() = txid_current() AS same FROM fidelity_items`,
    ]);
    expect(first).toEqual([{ id: 1, title: 'a' }]);
    expect(second).toEqual([{ id: 2, title: 'b' }]);
    expect(total).toEqual([{ n: 2, same: true }]);
    const txids = await t.sql.transaction([
      t.sql`SELECT txid_current() AS x`,
      t.sql`SELECT txid_current() AS x`,
    ]);
    expect(txids[0]).toEqual(txids[1]);
  });

  it('runs drizzle db.batch in one round trip with typed results', async () => {
    const before = t.meter.roundTrips;
    const [inserted, listed] = await t.db.batch([
      t.db
        .insert(items)
        .values([{ title: 'a' }, { title: 'b', done: true }])
        .returning(),
      t.db.select({ title: items.title, done: items.done }).from(items).orderBy(items.id),
    ]);
    expect(inserted.map((row) => row.title)).toEqual(['a', 'b']);
    expect(listed).toEqual([
      { title: 'a', done: false },
      { title: 'b', done: true },
    ]);
    expect(t.meter.roundTrips - before).toBe(1);
  });

  it('rolls a failing batch back whole, leaving nothing behind', async () => {
    const failing = t.sql.transaction([
      t.sql`INSERT INTO fidelity_items (title) VALUES ('kept?')`,
      t.sql`INSERT INTO fidelity_items (title) VALUES ('dup')`,
      t.sql`INSERT INTO fidelity_items (title) VALUES ('dup')`,
    ]);
    await expect(failing).rejects.toMatchObject({ name: 'NeonDbError', code: '23505' });
    expect(await countItems()).toBe(0);
    const viaDrizzle = t.db.batch([
      t.db.insert(items).values({ title: 'kept?' }),
      t.db.insert(items).values({ title: 'x', amount: 'not a number' }),
    ]);
    await expect(viaDrizzle).rejects.toBeInstanceOf(NeonDbError);
    expect(await countItems()).toBe(0);
  });

  it('honours the isolation level, read-only and deferrable options', async () => {
    const show = (options?: Parameters<typeof t.sql.transaction>[1]) =>
      t.sql.transaction(
        [
          t.sql`SHOW transaction_isolation`,
          t.sql`SHOW transaction_read_only`,
          t.sql`SHOW transaction_deferrable`,
        ],
        options,
      );
    expect((await show()).flat()).toEqual([
      { transaction_isolation: 'read committed' },
      { transaction_read_only: 'off' },
      { transaction_deferrable: 'off' },
    ]);
    const strict = await show({ isolationLevel: 'Serializable', readOnly: true, deferrable: true });
    expect(strict.flat()).toEqual([
      { transaction_isolation: 'serializable' },
      { transaction_read_only: 'on' },
      { transaction_deferrable: 'on' },
    ]);
    const repeatable = await show({ isolationLevel: 'RepeatableRead' });
    expect(repeatable[0]).toEqual([{ transaction_isolation: 'repeatable read' }]);
  });

  it('rejects writes in a read-only batch', async () => {
    const write = t.sql.transaction([t.sql`INSERT INTO fidelity_items (title) VALUES ('a')`], {
      readOnly: true,
    });
    await expect(write).rejects.toMatchObject({ code: '25006' });
    expect(await countItems()).toBe(0);
  });

  it('runs an empty batch', async () => {
    expect(await t.sql.transaction([])).toEqual([]);
  });
}
