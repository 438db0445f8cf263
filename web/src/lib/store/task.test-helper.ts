import type { List, Task } from '@tasks/shared';

/**
 * A task as the API answers it, for unit tests: every field the contract has, so a new field
 * means one change here instead of one per test file. `fields` override the defaults.
 */
export const aTask = (fields: Partial<Task> = {}): Task => ({
  id: crypto.randomUUID(),
  title: 't',
  description: '',
  completed: false,
  completed_at: null,
  priority: 'Medium',
  due_at: null,
  tags: [],
  reminders: [],
  user_id: 'u',
  list_id: 'l',
  created_by: 'u',
  completed_by: null,
  assignee_id: null,
  due_date: null,
  due_time: null,
  time_zone: null,
  recurrence: null,
  occurrence: 1,
  version: 1,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  ...fields,
});

/** A list as the API answers it, for unit tests (the caller's own, one member, nothing pending). */
export const aList = (fields: Partial<List> = {}): List => ({
  id: crypto.randomUUID(),
  name: 'List',
  color: 'gray',
  is_inbox: false,
  archived: false,
  position: 0,
  role: 'owner',
  member_count: 1,
  pending_count: 0,
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  ...fields,
});
