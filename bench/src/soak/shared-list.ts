// The soak's shared list: accounts of their own (not the clients', whose lists must hold only
// their own tasks), one owning a list the others are members of, and writers that create, edit,
// complete and delete its tasks through the faults. Their followers see each other's writes.
import { apiPaths, type Task } from '@tasks/shared';
import { createAccount } from '../seed.ts';
import type { SoakAccount } from './context.ts';
import { isTransient, send, sleep, type Tally } from './http.ts';

export interface SharedList {
  id: string;
  members: SoakAccount[];
  /** The newest version an acknowledged write produced, by task (deleted: Infinity). */
  acked: Map<string, number>;
  /** Tasks a delete was sent to whose answer never came: they may be gone. */
  deleteInDoubt: Set<string>;
  writes: number;
}

/** Creates the list and its members (an invitation each, accepted). */
export async function createSharedList(
  origin: string,
  tally: Tally,
  run: string,
  size: number,
): Promise<SharedList> {
  // One at a time, as the clients' accounts: the setup must not time out the database.
  const members: SoakAccount[] = [];
  for (let m = 0; m < size; m++) {
    members.push(await createAccount(origin, `soak-list-${m}-${run}@example.com`));
  }
  const [owner] = members;
  const must = async (method: string, path: string, token: string, body?: unknown) => {
    const reply = await send(origin, tally, { method, path, token, body });
    if (reply.status >= 300) throw new Error(`${method} ${path} → ${reply.status}`);
    return reply.body as { id: string };
  };
  const { id } = await must('POST', apiPaths.lists, owner!.token, { name: `soak ${run}` });
  for (const member of members.slice(1)) {
    const body = { email: member.email, role: 'editor' };
    const invitation = await must('POST', apiPaths.listInvitations(id), owner!.token, body);
    await must('POST', apiPaths.invitationAccept(invitation.id), member.token);
  }
  return { id, members, acked: new Map(), deleteInDoubt: new Set(), writes: 0 };
}

/**
 * One member writing to the list until `done`: creates (with an Idempotency-Key, so a retry
 * cannot make two), edits and completions with If-Match, deletes. A write whose answer never
 * came is not retried; a 412 (another writer came first) reads the task again.
 */
export async function writeSharedList(
  origin: string,
  tally: Tally,
  list: SharedList,
  writer: SoakAccount,
  done: () => boolean,
  random: () => number,
): Promise<void> {
  const mine = new Map<string, number>();
  for (let n = 0; !done(); n++) {
    await sleep(50 + random() * 100);
    const ids = [...list.acked.keys()].filter((id) => list.acked.get(id) !== Infinity);
    const id = ids[Math.floor(random() * ids.length)];
    const roll = random();
    const token = writer.token;
    if (!id || roll < 0.35) {
      list.writes += 1;
      const key = crypto.randomUUID();
      const body = { title: `list ${writer.email.slice(10, 12)}.${n}`, list_id: list.id };
      for (let attempt = 0; attempt < 5 && !done(); attempt++) {
        const reply = await send(origin, tally, {
          ...{ method: 'POST', path: apiPaths.tasks, token, body },
          headers: { 'Idempotency-Key': key },
        });
        if (reply.status === 201) {
          const task = reply.body as Task;
          acknowledge(list, task.id, task.version);
          break;
        }
        if (!isTransient(reply)) break;
        await sleep(200 * 2 ** attempt);
      }
      continue;
    }
    const version = mine.get(id) ?? list.acked.get(id)!;
    const ifMatch = { 'If-Match': `"${version}"` };
    const deleting = roll >= 0.85;
    const reply = !deleting
      ? await send(origin, tally, {
          ...{ method: 'PATCH', path: apiPaths.task(id), token, headers: ifMatch },
          body: roll < 0.7 ? { title: `edited ${n}` } : { completed: random() < 0.5 },
        })
      : await send(origin, tally, {
          method: 'DELETE',
          path: apiPaths.task(id),
          token,
          headers: ifMatch,
        });
    list.writes += 1;
    if (reply.status === 200) {
      const task = reply.body as Task;
      mine.set(id, task.version);
      acknowledge(list, id, task.version);
    } else if (reply.status === 204) acknowledge(list, id, Infinity);
    else if (deleting && isTransient(reply)) list.deleteInDoubt.add(id);
    else if (reply.status === 412 || reply.status === 404) {
      // Another writer (or an answer that never came) moved it on: read where it is now.
      const now = await send(origin, tally, { method: 'GET', path: apiPaths.task(id), token });
      if (now.status === 200) mine.set(id, (now.body as Task).version);
      else if (now.status === 404) acknowledge(list, id, Infinity);
    }
  }
}

function acknowledge(list: SharedList, id: string, version: number) {
  list.acked.set(id, Math.max(list.acked.get(id) ?? 0, version));
}
