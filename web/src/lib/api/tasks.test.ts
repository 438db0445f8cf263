import { describe, expect, it } from 'vitest';
import { nextLink, toSearch } from './tasks';

describe('task list requests', () => {
  it('follows the rel="next" link, always as a path on this origin', () => {
    expect(nextLink('</api/v1/tasks?cursor=abc&limit=50>; rel="next"')).toBe(
      '/api/v1/tasks?cursor=abc&limit=50',
    );
    expect(
      nextLink(
        '<https://api.example/api/v1/tasks?cursor=x>; rel="prev", <https://api.example/api/v1/tasks?cursor=y>; rel=next',
      ),
    ).toBe('/api/v1/tasks?cursor=y');
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('</api/v1/tasks?cursor=x>; rel="prev"')).toBeUndefined();
  });

  it('writes repeatable parameters once per value and leaves out the unset ones', () => {
    expect(toSearch({ status: 'all', tag: ['a b', 'c'], q: undefined, priority: [] })).toBe(
      '?status=all&tag=a+b&tag=c',
    );
    expect(toSearch({})).toBe('');
  });
});
