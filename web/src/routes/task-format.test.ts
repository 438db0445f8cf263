import type { Task } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { draftTask } from './task-draft';
import { fromLocalInput, isOverdue, tasksLeft, toLocalInput } from './task-format';

describe('task formatting', () => {
  it('pluralises the count of tasks left', () => {
    expect(tasksLeft(0)).toBe('0 tasks left');
    expect(tasksLeft(1)).toBe('1 task left');
    expect(tasksLeft(2)).toBe('2 tasks left');
    expect(tasksLeft(1234)).toBe('1234 tasks left');
  });

  it('marks only pending tasks past their due date as overdue', () => {
    const task: Task = { ...draftTask({ title: 'x' }, 'id'), due_at: '2026-01-01T00:00:00.000Z' };
    const later = Date.parse('2026-01-02T00:00:00Z');
    expect(isOverdue(task, later)).toBe(true);
    expect(isOverdue({ ...task, completed: true }, later)).toBe(false);
    expect(isOverdue({ ...task, due_at: null }, later)).toBe(false);
    expect(isOverdue(task, Date.parse('2025-12-31T00:00:00Z'))).toBe(false);
  });

  it('converts between an instant and the datetime-local field without drifting', () => {
    const instant = '2026-03-29T01:30:00.000Z';
    expect(fromLocalInput(toLocalInput(instant))).toBe(instant);
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
  });
});
