import type { Task, TaskCreate } from '@tasks/shared';

/** How a task being created looks until the API answers: the API's defaults, a temporary id. */
export function draftTask(input: TaskCreate, id: string): Task {
  const now = new Date().toISOString();
  return {
    id,
    title: input.title,
    description: input.description ?? '',
    completed: input.completed ?? false,
    completed_at: null,
    priority: input.priority ?? 'Medium',
    due_at: input.due_at ?? null,
    tags: input.tags ?? [],
    user_id: '',
    list_id: '',
    created_by: '',
    completed_by: null,
    assignee_id: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
}
