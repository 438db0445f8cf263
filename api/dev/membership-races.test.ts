// Membership writes of migration 0008_members on a PostgreSQL server, where they really run at the
// same time (PGlite, behind the worker suite, runs one statement at a time): concurrent transfers
// of one list leave exactly one owner, an accept racing a revoke leaves a member row exactly
// when the invitation ends up accepted, and a task assigned to a member while they are removed
// ends up unassigned (decision 0015).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/client.ts';
import { answerInvitation, revokeInvitation } from '../src/routes/invitations/queries.ts';
import { removeMember, transferOwnership } from '../src/routes/members/queries.ts';
import { createTask } from '../src/routes/tasks/create-task.ts';
import { TaskCreateSchema } from '@tasks/shared';
import { insertUser, startTestDatabase, type TestDatabase } from './test-database.ts';

let database: TestDatabase;
let pool: pg.Pool;
let db: Database;

const ROUNDS = 15;

beforeAll(async () => {
  database = await startTestDatabase('members', { poolSize: 4, timeoutMs: 30_000 });
  ({ db, pool } = database);
});

afterAll(async () => {
  await database?.stop();
});

/** Inserts a user (the trigger gives them an Inbox); answers id and email. */
async function addUser() {
  const id = await insertUser(pool);
  return { id, email: `${id}@example.com` };
}

/** A list owned by `owner` with `editors` as editors. */
async function addList(owner: string, editors: string[]) {
  const { rows } = await pool.query<{ id: string }>(
    `insert into lists (name) values ('race') returning id`,
  );
  const id = rows[0]!.id;
  await pool.query(
    `insert into list_members (list_id, user_id, role)
     select $1, u, case when u = $2::uuid then 'owner' else 'editor' end::list_role
     from unnest($3::uuid[]) u`,
    [id, owner, [owner, ...editors]],
  );
  return id;
}

const sqlstate = (error: unknown): unknown => {
  for (let e = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
};

/**
 * Runs `writes` while a transaction holds `lock` (a `FOR UPDATE` of the rows they write), and
 * lets go only once `count` of them wait for it: each has then taken its snapshot, so they truly
 * overlap instead of running one after the other.
 */
async function overlapping<T>(lock: [string, unknown[]], count: number, writes: () => Promise<T>) {
  const holder = await pool.connect();
  try {
    await holder.query('begin');
    await holder.query(...lock);
    const done = writes();
    for (let tries = 0; tries < 400; tries += 1) {
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`,
      );
      if (rows[0]!.n >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock'`,
    );
    expect(rows[0]!.n, 'the writes never waited for the lock together').toBe(count);
    await holder.query('commit');
    return await done;
  } finally {
    holder.release();
  }
}

describe('membership races on PostgreSQL', () => {
  it('keeps exactly one owner when the owner transfers to two members at once', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const [a, b, c] = [await addUser(), await addUser(), await addUser()];
      const list = await addList(a.id, [b.id, c.id]);
      const lock = `select from list_members where list_id = $1 for update`;
      const outcomes = await overlapping([lock, [list]], 2, () =>
        Promise.allSettled([
          transferOwnership(db, a.id, list, b.id),
          transferOwnership(db, a.id, list, c.id),
        ]),
      );
      const { rows } = await pool.query<{ user_id: string }>(
        `select user_id from list_members where list_id = $1 and role = 'owner'`,
        [list],
      );
      expect(rows.length, JSON.stringify(outcomes)).toBe(1);
      // Both read the old owner in their snapshot; the second waits on the owner row the first
      // locked, then finds it no longer the owner's and changes nothing (403).
      const codes = outcomes.map((o) =>
        o.status === 'rejected' ? sqlstate(o.reason) : o.value.status,
      );
      expect(codes.sort()).toEqual(['forbidden', 'ok']);
    }
  });

  it('leaves a member row exactly when an accept racing a revoke wins', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const [owner, invitee] = [await addUser(), await addUser()];
      const list = await addList(owner.id, []);
      const { rows } = await pool.query<{ id: string }>(
        `insert into list_invitations (list_id, email, role, invited_by)
         values ($1, $2, 'editor', $3) returning id`,
        [list, invitee.email, owner.id],
      );
      const invitation = rows[0]!.id;
      const lock = `select from list_invitations where id = $1 for update`;
      const [accepted, revoked] = await overlapping([lock, [invitation]], 2, () =>
        Promise.all([
          answerInvitation(db, invitee.id, invitation, 'accepted'),
          revokeInvitation(db, owner.id, list, invitation),
        ]),
      );
      expect([accepted.status, revoked.status].sort()).toEqual(['answered', 'ok']);
      const state = await pool.query<{ status: string; members: number }>(
        `select status, (select count(*)::int from list_members
           where list_id = $1 and user_id = $3) as members
         from list_invitations where id = $2`,
        [list, invitation, invitee.id],
      );
      const { status, members } = state.rows[0]!;
      expect(status).toBe(accepted.status === 'ok' ? 'accepted' : 'revoked');
      expect(members).toBe(status === 'accepted' ? 1 : 0);
    }
  });

  it('unassigns a task assigned to a member while they are being removed', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const [owner, editor, leaving] = [await addUser(), await addUser(), await addUser()];
      const list = await addList(owner.id, [editor.id, leaving.id]);
      const task = TaskCreateSchema.parse({
        title: 'race',
        list_id: list,
        assignee_id: leaving.id,
      });
      const lock = `select from list_members where list_id = $1 and user_id = $2 for update`;
      const [created, removed] = await overlapping([lock, [list, leaving.id]], 2, () =>
        Promise.allSettled([
          createTask(db, editor.id, task),
          removeMember(db, owner.id, list, leaving.id),
        ]),
      );
      expect(removed).toMatchObject({ status: 'fulfilled', value: { status: 'ok' } });
      // Either the create went first (and the removal unassigned it) or it lost its assignee's
      // member row (23503, a 409 problem): never a task assigned to a non-member.
      if (created.status === 'rejected') expect(sqlstate(created.reason)).toBe('23503');
      const { rows } = await pool.query<{ n: number }>(
        `select count(*)::int as n from tasks where list_id = $1 and assignee_id is not null`,
        [list],
      );
      expect(rows[0]!.n).toBe(0);
    }
  });
});
