import type { Task, TaskUpdate } from '@tasks/shared';

// The inverse of each change the UI makes, computed from the task as it was before it. Undo
// sends these as ordinary writes (decision 0023), so they sync and queue like any other.

/** The fields that together say when a task is due; `due_at` is derived from the others. */
const DUE_FIELDS = ['due_at', 'due_date', 'due_time', 'time_zone'] as const;

/**
 * The edit that puts back what `changes` changed on `before`. A change of any due field puts back
 * the day, time and zone (not the derived `due_at`, which an older client may have sent).
 * Completing a repeating task that moved on is not an edit to invert (see `advanced`).
 */
export function editInverse(before: Task, changes: TaskUpdate): TaskUpdate {
  const inverse: Record<string, unknown> = {};
  for (const field of Object.keys(changes) as (keyof TaskUpdate)[]) {
    if ((DUE_FIELDS as readonly string[]).includes(field)) continue;
    inverse[field] = structuredClone(before[field]);
  }
  if (DUE_FIELDS.some((field) => field in changes)) {
    inverse.due_date = before.due_date;
    inverse.due_time = before.due_time;
    inverse.time_zone = before.time_zone;
  }
  return inverse as TaskUpdate;
}

/** Whether a completion moved a repeating task on to a later occurrence (or finished its series). */
export function advanced(before: Task, after: Task): boolean {
  if (before.recurrence === null || before.completed) return false;
  return after.occurrence !== before.occurrence || after.completed;
}

/** The moves that put tasks back in the lists they were in: list id → task ids. */
export function movesBack(before: Pick<Task, 'id' | 'list_id'>[], to: string) {
  const back = new Map<string, string[]>();
  for (const task of before) {
    if (task.list_id === to) continue;
    back.set(task.list_id, [...(back.get(task.list_id) ?? []), task.id]);
  }
  return back;
}

/**
 * The undo of a bulk complete of `tasks` as they were: one-offs reopen; a repeating task, which
 * moved on instead, goes back to its occurrence at the version the complete gave it (`answered`:
 * the complete's answer; one more if it did not say).
 */
export function bulkCompleteInverse(
  tasks: Task[],
  answered: ReadonlyMap<string, Task> = new Map(),
) {
  const reopen: string[] = [];
  const restore: { id: string; version: number; occurrence: number }[] = [];
  for (const { id, recurrence, version, occurrence } of tasks) {
    const after = answered.get(id)?.version ?? version + 1;
    if (recurrence) restore.push({ id, version: after, occurrence });
    else reopen.push(id);
  }
  return { reopen, restore };
}
