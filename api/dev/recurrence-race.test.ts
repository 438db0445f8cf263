// Completing a recurring task on a PostgreSQL server, where requests really run at the same time
// (PGlite, behind the worker suite, runs one statement at a time): the statements of
// api/src/routes/tasks advance a task exactly once per occurrence, whoever wins the row lock.
import { TaskCreateSchema } from '@tasks/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { deriveDue } from '../src/routes/tasks/derive.ts';
import { createTask } from '../src/routes/tasks/create-task.ts';
import { updateTask } from '../src/routes/tasks/queries.ts';
import { refillDerived } from '../src/routes/tasks/refill.ts';
import { snapshotToRecord } from '../src/routes/tasks/task-json.ts';
import { insertUser, startTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
let pool: pg.Pool;
let db: Database;

beforeAll(async () => {
  database = await startTestDatabase('recurrence', { poolSize: 4, timeoutMs: 30_000 });
  ({ db, pool } = database);
});

afterAll(async () => {
  await database?.stop();
});

const addUser = () => insertUser(pool);

/** A daily task due yesterday, with the schedule the worker stores after creating it. */
async function dailyTask(userId: string): Promise<string> {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const input = TaskCreateSchema.parse({
    title: 'daily',
    due_date: yesterday,
    time_zone: 'UTC',
    recurrence: { rrule: 'FREQ=DAILY' },
  });
  const created = await createTask(db, userId, input);
  if (created.status !== 'ok') throw new Error(created.status);
  const record = snapshotToRecord(created.value);
  await refillDerived(db, record, deriveDue({ record, creatorZone: null }));
  return record.id;
}

const historyRows = async (id: string) =>
  (await pool.query('select occurrence from task_history where task_id = $1', [id])).rows;

/** Waits until `n` statements wait for a lock (the concurrent completions, queued on the row). */
async function waitForLockWaiters(n: number) {
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`,
    );
    if ((rows[0]?.n ?? 0) >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('completing a recurring task on PostgreSQL', () => {
  it('advances once when completions that all saw occurrence 1 queue on the row', async () => {
    const userId = await addUser();
    const id = await dailyTask(userId);
    // Hold the row so every completion takes its snapshot (occurrence 1) and then queues.
    const holder = await pool.connect();
    await holder.query('begin');
    await holder.query('select 1 from tasks where id = $1 for update', [id]);
    const racing = Array.from({ length: 8 }, () =>
      updateTask(db, { userId, id }, { completed: true }),
    );
    await waitForLockWaiters(8);
    await holder.query('commit');
    holder.release();
    const outcomes = await Promise.all(racing);
    const occurrences = outcomes.map((outcome) =>
      outcome.status === 'ok' ? outcome.value.record.occurrence : outcome.status,
    );
    // Due yesterday, all day: today's counts as past too, so the next one is tomorrow's, the 3rd.
    expect(occurrences).toEqual(Array(8).fill(3));
    expect(await historyRows(id)).toEqual([{ occurrence: 1 }]);
  });

  it('advances once under many parallel completions naming the occurrence', async () => {
    const userId = await addUser();
    const id = await dailyTask(userId);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, () =>
        updateTask(db, { userId, id }, { completed: true, occurrence: 1 }),
      ),
    );
    const versions = outcomes.map((outcome) =>
      outcome.status === 'ok'
        ? [outcome.value.record.occurrence, outcome.value.record.version]
        : [],
    );
    expect(new Set(versions.map((pair) => pair.join()))).toEqual(new Set(['3,2']));
    expect(await historyRows(id)).toEqual([{ occurrence: 1 }]);
  });
});
