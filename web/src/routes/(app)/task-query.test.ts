import fc from 'fast-check';
import { PRIORITIES, TASK_SORT_KEYS, TASK_STATUSES } from 'virtual:contract';
import { describe, expect, it } from 'vitest';
import {
  ALL_TASKS,
  DEFAULT_VIEW,
  isFiltered,
  listParams,
  readView,
  viewSearch,
  type TaskView,
} from './task-query';

const url = (search: string) => new URL(`http://app.test/${search}`);

const anyView: fc.Arbitrary<TaskView> = fc.record({
  status: fc.constantFrom(...TASK_STATUSES),
  priority: fc.option(fc.constantFrom(...PRIORITIES), { nil: undefined }),
  tag: fc.option(fc.stringMatching(/^[a-z0-9][a-z0-9 &-]{0,10}[a-z0-9]$/), { nil: undefined }),
  q: fc.stringMatching(/^\S(.{0,20}\S)?$/).map((q) => q.trim()),
  sort: fc.constantFrom(...TASK_SORT_KEYS),
  order: fc.constantFrom('asc' as const, 'desc' as const),
});

describe('the tasks page view in the URL', () => {
  it('survives the round trip through the URL, whatever it is', () => {
    fc.assert(
      fc.property(anyView, (view) => {
        expect(readView(url(viewSearch(view)))).toEqual(view);
      }),
    );
  });

  it('writes only what differs from the defaults', () => {
    expect(viewSearch(DEFAULT_VIEW)).toBe('');
    expect(viewSearch({ ...DEFAULT_VIEW, status: 'pending', tag: 'home' })).toBe(
      '?status=pending&tag=home',
    );
  });

  it('falls back to the defaults for values a hand-edited link may carry', () => {
    expect(readView(url('?status=done&priority=Urgent&sort=colour&order=up&q=%20%20'))).toEqual(
      DEFAULT_VIEW,
    );
    expect(readView(url('?tag=%20Home%20')).tag).toBe('home');
  });

  it('asks the API for exactly the view', () => {
    const view = { ...DEFAULT_VIEW, priority: 'High' as const, tag: 'work', q: 'report' };
    expect(listParams(view, ALL_TASKS, 20)).toEqual({
      list_id: undefined,
      status: 'all',
      priority: ['High'],
      tag: ['work'],
      q: 'report',
      sort: 'created_at',
      order: 'desc',
      limit: 20,
    });
    const list = '6f1f7d4e-8a5b-4c39-9a51-2f0c1f3b2a11';
    expect(listParams(DEFAULT_VIEW, { path: `/lists/${list}`, listId: list })).toMatchObject({
      list_id: list,
    });
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered(view)).toBe(true);
  });
});
