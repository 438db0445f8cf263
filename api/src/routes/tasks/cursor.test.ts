import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api-error.ts';
import { decodeCursor, encodeCursor, type Cursor } from './cursor.ts';

const id = '0b6f1c1e-2f43-4f7e-9d1c-3c1c0e6b8a11';

describe('cursor codec', () => {
  it.each<Cursor>([
    { sort: 'created_at', order: 'desc', key: '2026-01-31T17:00:00.123Z', id },
    { sort: 'due_at', order: 'asc', key: null, id },
    { sort: 'priority', order: 'desc', key: 'High', id },
    { sort: 'title', order: 'asc', key: `it's "quoted" <b> 🚀 日本 ${'x'.repeat(180)}`, id },
  ])('round-trips $sort/$order as URL-safe text', (cursor) => {
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, cursor.sort, cursor.order)).toEqual(cursor);
  });

  it('fits the longest title key within the query limit', () => {
    const key = '\u0001'.repeat(200);
    expect(encodeCursor({ sort: 'title', order: 'asc', key, id }).length).toBeLessThanOrEqual(2048);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['not JSON', btoa('nope')],
    ['invalid UTF-8', btoa(String.fromCharCode(0xff, 0xfe))],
    ['extra field', btoa(JSON.stringify({ s: 'title', o: 'asc', k: 'a', i: id, x: 1 }))],
    ['bad id', btoa(JSON.stringify({ s: 'title', o: 'asc', k: 'a', i: 'x' }))],
    ['null key off due_at', btoa(JSON.stringify({ s: 'title', o: 'asc', k: null, i: id }))],
    ['bad priority', btoa(JSON.stringify({ s: 'priority', o: 'asc', k: 'Urgent', i: id }))],
    ['bad instant', btoa(JSON.stringify({ s: 'created_at', o: 'asc', k: 'now', i: id }))],
    ['NUL in title', btoa(JSON.stringify({ s: 'title', o: 'asc', k: 'a\u0000', i: id }))],
    ['other sort', encodeCursor({ sort: 'priority', order: 'asc', key: 'Low', id })],
  ])('refuses %s as a 400 naming cursor', (_label, text) => {
    const decode = () => decodeCursor(text.replace(/=+$/, ''), 'title', 'asc');
    expect(decode).toThrow(ApiError);
    try {
      decode();
    } catch (error) {
      expect(error).toMatchObject({ status: 400, errors: [{ path: 'cursor' }] });
    }
  });
});
