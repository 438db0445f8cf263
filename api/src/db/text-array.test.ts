import { describe, expect, it } from 'vitest';
import { parseTextArray } from './text-array.ts';

const noFallback = (value: string) => {
  throw new Error(`fell back on ${value}`);
};

describe('parseTextArray', () => {
  it.each([
    ['{}', []],
    ['{work}', ['work']],
    ['{urgent,work}', ['urgent', 'work']],
    ['{NULL,a}', [null, 'a']],
    ['{"NULL"}', ['NULL']],
    ['{"a b","c,d","{e}"}', ['a b', 'c,d', '{e}']],
    ['{"say \\"hi\\"","back\\\\slash",x}', ['say "hi"', 'back\\slash', 'x']],
    ['{""}', ['']],
    ['{é,"日本 語"}', ['é', '日本 語']],
  ])('reads %s', (text, expected) => {
    expect(parseTextArray(text, noFallback)).toEqual(expected);
  });

  it('leaves multi-dimensional arrays and explicit bounds to the generic parser', () => {
    const fallback = (value: string) => `generic ${value}`;
    expect(parseTextArray('{{a},{b}}', fallback)).toBe('generic {{a},{b}}');
    expect(parseTextArray('[0:1]={a,b}', fallback)).toBe('generic [0:1]={a,b}');
  });
});
