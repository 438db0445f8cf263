import type { Task, TaskCreate, TaskUpdate } from '@tasks/shared';
import { ApiError } from '$lib/api/api-error';
import { networkStatus } from '$lib/api/network-status.svelte';
import * as api from '$lib/api/tasks';
import { toasts } from '$lib/components/toasts.svelte';
import { offerUndo } from '$lib/undo/undo.svelte';
import { offerEditUndo } from './task-undo.svelte';
import { undoCreate } from './task-delete.svelte';
import { draftTask } from './task-draft';
import type { TaskList } from './task-list.svelte';
import { changed, noteRefusal, quote, reason } from './task-notes';

export { changed, quote, reason } from './task-notes';
export { deleteTask } from './task-delete.svelte';

/** What became of an edit: saved, refused (with the problem), or overtaken by another edit. */
export type EditOutcome =
  | { status: 'saved'; task: Task }
  | { status: 'conflict'; current: Task }
  | { status: 'gone' }
  | { status: 'failed'; error: ApiError | Error };

/** Adds a task at once, then saves it; a refusal removes it again and is returned. */
export async function addTask(list: TaskList, input: TaskCreate): Promise<ApiError | undefined> {
  const key = crypto.randomUUID();
  const draft = draftTask(input, key, list.lists?.inbox?.id);
  const shown = list.fitsStatus(draft);
  if (shown) list.insert(draft);
  list.saving.add(key);
  list.recount(undefined, draft);
  const entry = list.journal({ kind: 'create', key, body: input });
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
    offerUndo(`Added ${quote(task)}`, () => undoCreate(list, key, task));
    changed();
    return undefined;
  } catch (error) {
    list.remove(key);
    list.recount(draft, undefined);
    noteRefusal(list, error);
    if (error instanceof ApiError) return error;
    toasts.error(`Couldn’t add the task: ${reason(error)}`);
    return undefined;
  } finally {
    list.unjournal(entry);
    if (!list.isQueued(key)) list.saving.delete(key);
  }
}

/** The fields of a task only the server knows. */
export const identity = ({ id, version, user_id, created_at, updated_at }: Task) => ({
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
export async function editTask(list: TaskList, task: Task, changes: TaskUpdate, undoable = true) {
  const key = list.keyOf(task.id);
  const snapshot = $state.snapshot(task) as Task;
  const before = Object.fromEntries(
    Object.keys(changes).map((field) => [field, snapshot[field as keyof Task]]),
  );
  const optimistic = { ...snapshot, ...(changes as Partial<Task>) };
  list.replace({ ...task, ...(changes as Partial<Task>) });
  list.recount(snapshot, optimistic);
  list.saving.add(key);
  const occurrence = occurrenceOf(snapshot, changes);
  const id = list.idOf(key);
  const entry = list.journal({
    kind: 'edit',
    key,
    id,
    version: snapshot.version,
    changes,
    occurrence,
  });
  const saving = list.queue(key, async () => {
    const shown = list.find(key) ?? snapshot;
    const result = await saveEdit(
      list.idOf(key),
      shown.version,
      occurrenceOf(shown, changes),
      changes,
    );
    // The queue starts the next write to this task as soon as this one settles, before the code
    // below runs: it must already see the version our own write produced, or it gets a 412.
    const current = list.find(key);
    if (result.status === 'saved' && current) current.version = result.task.version;
    return result;
  });
  if (undoable) offerUndoOf(list, snapshot, changes, saving);
  const outcome = await saving;
  list.unjournal(entry);
  const more = list.isQueued(key);
  if (!more) list.saving.delete(key);
  const shown = list.find(key);
  if (outcome.status === 'saved') {
    // A later edit is on its way: keep its optimistic fields, take only the new version.
    if (more && shown) shown.version = outcome.task.version;
    else if (shown) list.replace(outcome.task, key);
    else if (list.fitsStatus(outcome.task)) list.insert(outcome.task); // an undo brings it back
    if (!list.fitsStatus(outcome.task)) list.remove(key);
    list.recount(optimistic, outcome.task);
    changed();
  } else if (outcome.status === 'conflict') {
    list.replace(outcome.current, key);
    list.recount(optimistic, outcome.current);
  } else if (outcome.status === 'gone') {
    list.remove(key);
    list.recount(optimistic, undefined);
  } else {
    noteRefusal(list, outcome.error);
    if (shown) list.replace({ ...shown, ...before }, key);
    list.recount(optimistic, { ...optimistic, ...before });
  }
  return outcome;
}

/** Offers an edit's undo at once; the undo is itself an edit, with no undo of its own. */
function offerUndoOf(
  list: TaskList,
  before: Task,
  changes: TaskUpdate,
  saving: Promise<EditOutcome>,
) {
  const saved = saving.then((result) => (result.status === 'saved' ? result.task : undefined));
  offerEditUndo(list, before, changes, saved, (current, inverse) =>
    quickEdit(list, current, inverse, false),
  );
}

const onlyCompletion = (changes: TaskUpdate) =>
  Object.keys(changes).length === 1 && 'completed' in changes;

/** Completing a repeating task names the occurrence, so a retry cannot advance it twice. */
const occurrenceOf = (task: Task, changes: TaskUpdate) =>
  onlyCompletion(changes) && task.recurrence ? task.occurrence : undefined;

/**
 * Sends one edit of the task at `version`. A completion alone is sent as one (naming the
 * occurrence of a repeating task), and a 412 whose task has moved past it means that one is
 * done already.
 */
export async function saveEdit(
  id: string,
  version: number,
  occurrence: number | undefined,
  changes: TaskUpdate,
): Promise<EditOutcome> {
  try {
    const saved = onlyCompletion(changes)
      ? await api.setCompletion(id, Boolean(changes.completed), version, occurrence)
      : await api.updateTask(id, changes, version);
    return { status: 'saved', task: saved };
  } catch (error) {
    if (!(error instanceof ApiError)) return { status: 'failed', error: error as Error };
    if (error.status === 404) return { status: 'gone' };
    if (error.status !== 412) return { status: 'failed', error };
    return afterConflict(id, changes, occurrence);
  }
}

async function afterConflict(
  id: string,
  changes: TaskUpdate,
  occurrence: number | undefined,
): Promise<EditOutcome> {
  const current = await api.getTask(id).catch(() => undefined);
  if (!current) return { status: 'gone' };
  const advanced = occurrence !== undefined && changes.completed && current.occurrence > occurrence;
  if (advanced || alreadyApplied(current, changes)) return { status: 'saved', task: current };
  return { status: 'conflict', current };
}

/** `editTask` for quick edits (checkbox, inline title): problems are reported as toasts. */
export async function quickEdit(list: TaskList, task: Task, changes: TaskUpdate, undoable = true) {
  const name = quote(task);
  // Made with the browser offline, the edit meets the other version later, unseen: ask the user.
  // (Not `networkStatus.offline`: one failing background request does not make the edit wait.)
  const offline = networkStatus.browserOffline;
  const outcome = await editTask(list, task, changes, undoable);
  if (outcome.status === 'conflict' && offline) {
    list.addConflict({ key: list.keyOf(task.id), mine: changes, theirs: outcome.current });
  } else if (outcome.status === 'conflict') {
    toasts.error(`${name} was changed elsewhere. Showing the current version; try again.`);
  } else if (outcome.status === 'gone') toasts.error(`${name} was deleted elsewhere.`);
  else if (outcome.status === 'failed')
    toasts.error(`Couldn’t save ${name}: ${reason(outcome.error)}`);
  return outcome;
}
