import { describe, expect, it } from 'vitest';
import { parseTags } from './tag-text.ts';
import { TagsSchema } from './task.ts';

describe('parseTags', () => {
  it('splits on commas, trims, lower-cases and drops empty and repeated tags', () => {
    expect(parseTags(' Home, errands ,, HOME,big project ')).toEqual([
      'home',
      'errands',
      'big project',
    ]);
    expect(parseTags('  ')).toEqual([]);
  });

  it('stores what the API stores for the same tags', () => {
    const typed = ['  Work', 'work ', 'ÉTÉ', 'a b'];
    expect(parseTags(typed.join(','))).toEqual(TagsSchema.parse(typed));
  });
});
