import type { Task, TaskCreate, TaskUpdate } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { tellOtherTabs } from '$lib/tab-sync';
import { draftTask } from './task-draft';
import type { TaskList } from './task-list.svelte';

/** What became of an edit: saved, refused (with the problem), or overtaken by another edit. */
export type EditOutcome =
  | { status: 'saved'; task: Task }
  | { status: 'conflict'; current: Task }
  | { status: 'gone' }
  | { status: 'failed'; error: ApiError | Error };

/**
 * Tells the other tabs. A single write's answer already moved the counts (`list.recount`), so it
 * sends nothing more; bulk changes touch tasks that are not loaded and need a reload.
 */
export function changed(list: TaskList, reload = false) {
  tellOtherTabs({ type: 'tasks-changed' });
  if (reload) list.reload();
}

export const quote = (task: Task) => `“${task.title}”`;
export const reason = (error: unknown) =>
  error instanceof Error ? error.message : 'unknown error';

/** Adds a task at once, then saves it; a refusal removes it again and is returned. */
export async function addTask(list: TaskList, input: TaskCreate): Promise<ApiError | undefined> {
  const key = crypto.randomUUID();
  const draft = draftTask(input, key);
  const shown = list.fitsStatus(draft);
  if (shown) list.insert(draft);
  list.saving.add(key);
  list.recount(undefined, draft);
  try {
    const task = await list.queue(key, async () => {
      const created = await api.createTask(input, key);
      // The queue starts the next write to this task as soon as this one settles, before the code
      // below runs: that write must already address the task by its real id and version.
      list.created(key, created.id);
      const current = list.find(key);
      if (current) current.version = created.version;
      return created;
    });
    list.recount(draft, task);
    const current = list.find(key);
    // Edits made while it was on its way are queued behind it: keep them on screen.
    if (current && list.isQueued(key)) list.replace({ ...current, ...identity(task) }, key);
    else if (shown) list.replace(task, key);
    else toasts.show(`Added ${quote(task)}`);
    changed(list);
    return undefined;
  } catch (error) {
    list.remove(key);
    list.recount(draft, undefined);
    if (error instanceof ApiError) return error;
    toasts.error(`Couldn’t add the task: ${reason(error)}`);
    return undefined;
  } finally {
    if (!list.isQueued(key)) list.saving.delete(key);
  }
}

/** The fields of a task only the server knows. */
const identity = ({ id, version, user_id, created_at, updated_at }: Task) => ({
  id,
  version,
  user_id,
  created_at,
  updated_at,
});

/** Whether the server's task already has every value an edit wanted (our retried write won). */
function alreadyApplied(current: Task, changes: TaskUpdate): boolean {
  return Object.entries(changes).every(([key, wanted]) => {
    const actual = current[key as keyof Task];
    if (key === 'due_at' && typeof wanted === 'string' && typeof actual === 'string') {
      return Date.parse(wanted) === Date.parse(actual);
    }
    return JSON.stringify(actual) === JSON.stringify(wanted);
  });
}

/**
 * Shows `changes` at once and saves them with If-Match, after any earlier write to the same task;
 * rolls back the changed fields on refusal, shows the current version on conflict.
 */
export async function editTask(list: TaskList, task: Task, changes: TaskUpdate) {
  const key = list.keyOf(task.id);
  const snapshot = $state.snapshot(task) as Task;
  const before = Object.fromEntries(
    Object.keys(changes).map((field) => [field, snapshot[field as keyof Task]]),
  );
  const optimistic = { ...snapshot, ...(changes as Partial<Task>) };
  list.replace({ ...task, ...(changes as Partial<Task>) });
  list.recount(snapshot, optimistic);
  list.saving.add(key);
  const outcome = await list.queue(key, async () => {
    const result = await saveEdit(
      list.idOf(key),
      list.find(key)?.version ?? snapshot.version,
      changes,
    );
    // The queue starts the next write to this task as soon as this one settles, before the code
    // below runs: it must already see the version our own write produced, or it gets a 412.
    const current = list.find(key);
    if (result.status === 'saved' && current) current.version = result.task.version;
    return result;
  });
  const more = list.isQueued(key);
  if (!more) list.saving.delete(key);
  const shown = list.find(key);
  if (outcome.status === 'saved') {
    // A later edit is on its way: keep its optimistic fields, take only the new version.
    if (more && shown) shown.version = outcome.task.version;
    else list.replace(outcome.task, key);
    if (!list.fitsStatus(outcome.task)) list.remove(key);
    list.recount(optimistic, outcome.task);
    changed(list);
  } else if (outcome.status === 'conflict') {
    list.replace(outcome.current, key);
    list.recount(optimistic, outcome.current);
  } else if (outcome.status === 'gone') {
    list.remove(key);
    list.recount(optimistic, undefined);
  } else {
    if (shown) list.replace({ ...shown, ...before }, key);
    list.recount(optimistic, { ...optimistic, ...before });
  }
  return outcome;
}

async function saveEdit(id: string, version: number, changes: TaskUpdate): Promise<EditOutcome> {
  try {
    const onlyCompletion = Object.keys(changes).length === 1 && 'completed' in changes;
    const task = onlyCompletion
      ? await api.setCompletion(id, Boolean(changes.completed), version)
      : await api.updateTask(id, changes, version);
    return { status: 'saved', task };
  } catch (error) {
    if (!(error instanceof ApiError)) return { status: 'failed', error: error as Error };
    if (error.status === 404) return { status: 'gone' };
    if (error.status !== 412) return { status: 'failed', error };
    const current = await api.getTask(id).catch(() => undefined);
    if (!current) return { status: 'gone' };
    if (alreadyApplied(current, changes)) return { status: 'saved', task: current };
    return { status: 'conflict', current };
  }
}

/** `editTask` for quick edits (checkbox, inline title): problems are reported as toasts. */
export async function quickEdit(list: TaskList, task: Task, changes: TaskUpdate) {
  const name = quote(task);
  const outcome = await editTask(list, task, changes);
  if (outcome.status === 'conflict') {
    toasts.error(`${name} was changed elsewhere. Showing the current version; try again.`);
  } else if (outcome.status === 'gone') toasts.error(`${name} was deleted elsewhere.`);
  else if (outcome.status === 'failed')
    toasts.error(`Couldn’t save ${name}: ${reason(outcome.error)}`);
  return outcome;
}

/** Hides the task with an Undo toast; it is deleted when the toast goes. */
export function deleteTask(list: TaskList, task: Task): void {
  const key = list.keyOf(task.id);
  list.hideDeleted(key, $state.snapshot(task) as Task);
  toasts.show(`Deleted ${quote(task)}`, {
    action: { label: 'Undo', run: () => list.unhideDeleted(key) },
    onExpire: () => void list.queue(key, () => commitDelete(list, key, task)),
  });
}

async function commitDelete(list: TaskList, key: string, task: Task): Promise<void> {
  try {
    await api.deleteTask(list.idOf(key), list.find(key)?.version ?? task.version);
    list.deleted(key);
    changed(list);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return list.deleted(key);
    list.unhideDeleted(key);
    const why =
      error instanceof ApiError && error.status === 412
        ? 'it was changed elsewhere'
        : reason(error);
    toasts.error(`${quote(task)} was not deleted: ${why}.`);
    list.reload();
  }
}
