import type { List, Task, TaskCounts } from '@tasks/shared';
import { clearAll, inStore } from './idb';

/** What a view showed last: enough to draw it again with no network. */
export interface Snapshot {
  tasks: Task[];
  counts: TaskCounts;
  lists: List[];
  next: string | undefined;
}

const USER = 'user';

/** The user whose data this device keeps; another user's (an expired session) is cleared. */
export async function claim(user: string): Promise<void> {
  const known = await lastUser();
  if (known === user) return;
  if (known !== undefined) await clearAll();
  await inStore('meta', 'readwrite', (store) => store.put(user, USER));
}

/** The user who was signed in last on this device (offline, the session cannot tell). */
export function lastUser(): Promise<string | undefined> {
  return inStore<string | undefined>('meta', 'readonly', (store) => store.get(USER));
}

const key = (user: string, view: string) => `${user} ${view}`;

export async function saveSnapshot(user: string, view: string, snapshot: Snapshot) {
  await inStore('snapshots', 'readwrite', (store) => store.put(snapshot, key(user, view)));
}

export function loadSnapshot(user: string, view: string): Promise<Snapshot | undefined> {
  return inStore<Snapshot | undefined>('snapshots', 'readonly', (store) =>
    store.get(key(user, view)),
  );
}

export { clearAll };
