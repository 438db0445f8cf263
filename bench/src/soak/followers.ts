// The soak's followers (issue 14 item 6): devices that only follow the feed, of client accounts
// (their other clients write) and of a shared list's members (the other members write), through
// the same faults. At the end each must hold exactly the tasks the database has for its user, in
// their final state: none missed, none held twice or after it was gone (decision 0024).
import type { Client } from 'pg';
import type { SoakAccount } from './context.ts';
import { SoakFollower } from './follower.ts';
import type { Tally } from './http.ts';
import { createSharedList, writeSharedList, type SharedList } from './shared-list.ts';

export interface FollowerVerdict {
  followers: number;
  /** Tasks checked: each follower's user's tasks in the database, summed over followers. */
  checked: number;
  /** A task the database has that a follower lacks, or holds in an older state. */
  missed: number;
  /** A task a follower holds although it is gone (deleted, or not theirs), or got twice back in time. */
  duplicated: number;
  /** The shared list's acknowledged writes the database lacks. */
  lost: number;
  pulls: number;
  pokes: number;
  connections: number;
  sharedListWrites: number;
  failures: string[];
}

type Row = { id: string; version: number; title: string; priority: string; completed: boolean };

/** Sets up the followers (before the run: their setup is not part of its request budget). */
export async function prepareFollowers(
  origin: string,
  tally: Tally,
  accounts: SoakAccount[],
  run: string,
) {
  const list = await createSharedList(origin, tally, run, 2);
  // The feed is per user, not per session: a follower uses its account's token (a sign-in more
  // per follower would only add password hashing to the setup).
  const followed = [...accounts.slice(0, 2), ...list.members.slice(1)];
  const followers = followed.map(
    (account) => new SoakFollower(account.userId, account.token, origin, tally),
  );
  await Promise.all(followers.map((follower) => follower.start()));
  let running: Promise<unknown> | undefined;
  return {
    count: followers.length,
    /** Writers on the shared list and every follower, until `done`. */
    run(done: () => boolean, random: () => number) {
      running = Promise.all([
        ...list.members.map((writer) => writeSharedList(origin, tally, list, writer, done, random)),
        ...followers.map((follower) => follower.run(done)),
      ]);
    },
    /** After the run: the last pulls, then each follower against the database. */
    async finish(db: Client): Promise<FollowerVerdict> {
      await running;
      return judgeFollowers(db, followers, list);
    },
  };
}

async function judgeFollowers(db: Client, followers: SoakFollower[], list: SharedList) {
  const verdict: FollowerVerdict = {
    ...{ followers: followers.length, checked: 0, missed: 0, duplicated: 0, lost: 0 },
    ...{ pulls: 0, pokes: 0, connections: 0, sharedListWrites: list.writes, failures: [] },
  };
  for (const follower of followers) {
    // Caught up once a pull that starts after the writers stopped has ended.
    await follower.catchUp();
    follower.stop();
    const { rows } = await db.query<Row>(
      `SELECT t.id::text, t.version, t.title, t.priority::text AS priority, t.completed
         FROM tasks t JOIN list_members m ON m.list_id = t.list_id WHERE m.user_id = $1`,
      [follower.userId],
    );
    const stored = new Map(rows.map((row) => [row.id, row]));
    verdict.checked += rows.length;
    for (const row of rows) {
      const held = follower.tasks.get(row.id);
      const same =
        held?.version === row.version &&
        held.title === row.title &&
        held.priority === row.priority &&
        held.completed === row.completed;
      if (!same) verdict.missed += 1;
    }
    for (const id of follower.tasks.keys()) if (!stored.has(id)) verdict.duplicated += 1;
    verdict.duplicated += follower.regressions;
    verdict.pulls += follower.pulls;
    verdict.pokes += follower.pokes;
    verdict.connections += follower.connections;
    verdict.failures.push(...follower.failures);
  }
  verdict.lost = await lostListWrites(db, list);
  return verdict;
}

/** Acknowledged writes to the shared list the database does not show. */
async function lostListWrites(db: Client, list: SharedList): Promise<number> {
  const { rows } = await db.query<{ id: string; version: number }>(
    'SELECT id::text, version FROM tasks WHERE list_id = $1',
    [list.id],
  );
  const stored = new Map(rows.map((row) => [row.id, row.version]));
  let lost = 0;
  for (const [id, version] of list.acked) {
    const now = stored.get(id);
    if (version === Infinity) lost += now === undefined ? 0 : 1;
    else if (now === undefined) lost += list.deleteInDoubt.has(id) ? 0 : 1;
    else if (now < version) lost += 1;
  }
  return lost;
}
