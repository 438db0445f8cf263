import type { Task, TaskCreate } from '@tasks/shared';

/** How a task being created looks until the API answers: the API's defaults, a temporary id. */
export function draftTask(input: TaskCreate, id: string, inboxId = ''): Task {
  const now = new Date().toISOString();
  return {
    id,
    title: input.title,
    description: input.description ?? '',
    completed: input.completed ?? false,
    completed_at: null,
    priority: input.priority ?? 'Medium',
    // The instant of a local due date is the server's to work out (in the task's zone).
    due_at: input.due_date ? null : (input.due_at ?? null),
    due_date: input.due_date ?? null,
    due_time: input.due_time ?? null,
    time_zone: input.time_zone ?? null,
    recurrence: input.recurrence
      ? { rrule: input.recurrence.rrule, repeat_from: input.recurrence.repeat_from ?? 'due' }
      : null,
    occurrence: 1,
    tags: input.tags ?? [],
    // The server fills in the caller's default reminders; the answer replaces the draft.
    reminders: [],
    user_id: '',
    list_id: input.list_id ?? inboxId,
    created_by: '',
    completed_by: null,
    assignee_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}
