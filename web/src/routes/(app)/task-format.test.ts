import { describe, expect, it } from 'vitest';
import { tasksLeft } from './task-format';
describe('task formatting', () => {
  it('pluralises the count of tasks left', () => {
    expect(tasksLeft(0)).toBe('0 tasks left');
    expect(tasksLeft(1)).toBe('1 task left');
    expect(tasksLeft(2)).toBe('2 tasks left');
    expect(tasksLeft(1234)).toBe('1234 tasks left');
  });
});
