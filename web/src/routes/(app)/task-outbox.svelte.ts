import { ApiError } from '$lib/api/api-error';
import { accessToken } from '$lib/api/session';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import type { OutboxEntry, ReplayPlan } from '$lib/offline/outbox';
import { outboxStatus } from '$lib/offline/waiting.svelte';
import { editTask, identity, quote, reason, saveEdit } from './task-actions.svelte';
import type { Conflict, TaskList } from './task-list.svelte';

/**
 * Sends again, in the order they were made, the writes an earlier page journaled and never saw
 * answered (it was reloaded or closed offline; decision 0022). The page already shows them (its
 * last known state kept them), so each answer only fixes ids and versions; a 412 becomes a
 * conflict for the user to settle; the page is read again once all are through. They go through
 * the store's own write queue, so a load waits for them and edits made meanwhile queue behind.
 */
let replayed = false;

export async function replayOutbox(list: TaskList): Promise<void> {
  if (replayed) return; // once per document: later pages' writes are this document's own
  replayed = true;
  const [device, { ReplayPlan }] = await Promise.all([
    import('$lib/offline/device'),
    import('$lib/offline/outbox'),
  ]);
  // Tabs opened together would each send the same entries: one replays at a time, and the next
  // reads what is left once it holds the lock (the first took its answered entries out).
  await device.exclusively(async () => {
    const entries = await device.leftBehind();
    await replayEntries(list, entries, new ReplayPlan(entries), device);
  });
}

async function replayEntries(
  list: TaskList,
  entries: OutboxEntry[],
  plan: ReplayPlan,
  device: typeof import('$lib/offline/device'),
): Promise<void> {
  const user = entries[0]?.user;
  if (user === undefined) return;
  // Sent with this session's token, the writes must be its user's: another user's token (the
  // last one's session expired, someone else signed in) clears the device instead.
  const allowed = accessToken().then(
    () => device.isCurrentUser(user),
    () => false,
  );
  outboxStatus.replaying = true;
  // Each entry waits in its task's queue (an edit made meanwhile goes after it) and for the
  // entry before it (the order they were made in).
  let previous: Promise<unknown> = Promise.resolve();
  const steps = entries.map((entry) => {
    const before = previous;
    const step = list.queue(entry.key, async () => {
      await before.catch(() => undefined);
      if (!(await allowed)) return;
      await replayOne(list, plan, entry);
      await device.settled(entry.seq);
    });
    previous = step;
    return step;
  });
  await Promise.allSettled(steps);
  outboxStatus.replaying = false;
  if (await allowed) list.reload();
}

async function replayOne(list: TaskList, plan: ReplayPlan, entry: OutboxEntry): Promise<void> {
  if (entry.kind === 'bulk') return replayBulk(plan, entry);
  const target = plan.target(entry);
  if (!target) return;
  try {
    if (entry.kind === 'create') {
      const created = await api.createTask(entry.body, entry.key);
      plan.answered(entry, created);
      list.created(entry.key, created.id);
      const shown = list.find(entry.key);
      if (shown) list.replace({ ...shown, ...identity(created) }, entry.key);
    } else if (entry.kind === 'edit') {
      const outcome = await saveEdit(target.id, target.version, entry.occurrence, entry.changes);
      if (outcome.status === 'failed') throw outcome.error;
      const task = outcome.status === 'saved' ? outcome.task : undefined;
      if (outcome.status === 'conflict') {
        plan.answered(entry, outcome.current);
        list.addConflict({ key: entry.key, mine: entry.changes, theirs: outcome.current });
      } else plan.answered(entry, task);
    } else if (entry.kind === 'occurrence') {
      const task = await api.restoreOccurrence(target.id, target.version, entry.occurrence);
      plan.answered(entry, task);
    } else if (entry.kind === 'restore') {
      const task = await api.restoreTask(target.id);
      plan.answered(entry, task);
      if (list.find(entry.key)) list.replace(task, entry.key);
    } else {
      await replayDelete(list, entry, target.id, target.version);
      plan.answered(entry, undefined);
    }
  } catch (error) {
    plan.refused(entry);
    toasts.error(`A change made offline was not saved: ${reason(error)}`);
  }
}

/** A bulk action sent again to its tasks' ids now; the page is read again after the replay. */
async function replayBulk(plan: ReplayPlan, entry: Extract<OutboxEntry, { kind: 'bulk' }>) {
  const ids = plan.bulkIds(entry);
  if (ids.length === 0) return;
  try {
    plan.answeredBulk(entry, await api.bulkAction(entry.action, ids, entry.list_id));
  } catch (error) {
    toasts.error(`A change made offline was not saved: ${reason(error)}`);
  }
}

async function replayDelete(list: TaskList, entry: OutboxEntry, id: string, version: number) {
  try {
    await api.deleteTask(id, version);
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 412)) throw error;
    const current = error.status === 412 ? await api.getTask(id).catch(() => undefined) : undefined;
    if (current) return list.addConflict({ key: entry.key, mine: 'delete', theirs: current });
  }
  list.remove(entry.key);
}

/** The user settled a conflict: their change sent again on the other version, or that one. */
export async function settleConflict(list: TaskList, conflict: Conflict, keep: 'mine' | 'theirs') {
  list.resolved(conflict.key);
  const { theirs, mine } = conflict;
  if (list.find(conflict.key)) list.replace(theirs, conflict.key);
  if (keep === 'theirs') return;
  if (mine !== 'delete') {
    const outcome = await editTask(list, list.find(conflict.key) ?? theirs, mine);
    if (outcome.status === 'conflict') list.addConflict({ ...conflict, theirs: outcome.current });
    return;
  }
  try {
    await list.queue(conflict.key, () => api.deleteTask(theirs.id, theirs.version));
    list.remove(conflict.key);
    list.reload();
  } catch (error) {
    toasts.error(`${quote(theirs)} was not deleted: ${reason(error)}.`);
  }
}
