import { tokenUser } from '$lib/api/session';
import { clearAll } from './idb';
import { dequeue, enqueue, pending, type OutboxEntry, type OutboxWrite } from './outbox';
import { claim, lastUser, loadSnapshot, saveSnapshot, type Snapshot } from './snapshot';
import { CACHE_SHELL, DROP_PAGES } from './sw-messages';
import { outboxStatus } from './waiting.svelte';

/**
 * What the task store keeps on this device (decision 0022), loaded on first use. The user is
 * the access token's subject; with no token (a reload with no network) the last one signed in.
 */
async function currentUser(): Promise<string | undefined> {
  const user = tokenUser();
  if (!user) return lastUser();
  await claim(user);
  return user;
}

/** Outbox entries this document journaled: it sends them itself, a replay must not. */
const mine = new Set<number>();

async function recount(user: string) {
  outboxStatus.waiting = (await pending(user)).length;
}

/** Journals a write before it is sent; resolves with its sequence number. */
export async function journal(write: OutboxWrite): Promise<number | undefined> {
  const user = await currentUser();
  if (!user) return undefined;
  const seq = await enqueue(user, write);
  mine.add(seq);
  await recount(user);
  return seq;
}

/** The write got its answer: it leaves the outbox. */
export async function settled(seq: number): Promise<void> {
  await dequeue(seq);
  mine.delete(seq);
  const user = await currentUser();
  if (user) await recount(user);
}

/** Whether the signed-in user (the token's, once there is one) is `user`. */
export async function isCurrentUser(user: string): Promise<boolean> {
  const same = (await currentUser()) === user;
  if (!same) outboxStatus.waiting = 0; // another user's token cleared the device
  return same;
}

/**
 * Runs `work` while no other tab of this origin runs its own (a Web Lock; where the browser has
 * none, at once).
 */
export async function exclusively(work: () => Promise<void>): Promise<void> {
  if (!navigator.locks) return work();
  await navigator.locks.request('tasks-outbox-replay', work);
}

/** Writes an earlier page left unanswered (a reload, a closed tab), oldest first. */
export async function leftBehind(): Promise<OutboxEntry[]> {
  const user = await currentUser();
  if (!user) return [];
  await recount(user);
  return (await pending(user)).filter((entry) => !mine.has(entry.seq));
}

export async function remember(view: string, snapshot: Snapshot): Promise<void> {
  const user = await currentUser();
  if (user) await saveSnapshot(user, view, snapshot);
  keepShell();
}

export async function recall(view: string): Promise<Snapshot | undefined> {
  const user = await currentUser();
  return user ? loadSnapshot(user, view) : undefined;
}

/** Signing out: nothing of the user stays on the device, not even the cached pages. */
export async function forget(): Promise<void> {
  await clearAll();
  mine.clear();
  outboxStatus.waiting = 0;
  tellWorker(DROP_PAGES);
}

let shellKept = false;
/** Asks the service worker to keep the app shell once per page, so any page opens with no network. */
function keepShell() {
  if (shellKept) return;
  shellKept = true;
  tellWorker(CACHE_SHELL);
}

function tellWorker(type: string) {
  void navigator.serviceWorker?.ready.then((registration) =>
    registration.active?.postMessage({ type }),
  );
}
