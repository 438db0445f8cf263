import { describe, expect, it } from 'vitest';
import { acceptedVersions, etagOf, noneMatchHits } from './etag.ts';

describe('ETags', () => {
  it('quotes the version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it.each([
    [undefined, undefined],
    ['*', undefined],
    ['"3"', [3]],
    ['W/"3"', [3]],
    ['"1", "2",W/"3"', [1, 2, 3]],
    ['3', []],
    ['"x"', []],
    ['"99999999999"', []],
  ])('If-Match %s accepts %j', (header, versions) => {
    expect(acceptedVersions(header)).toEqual(versions);
  });

  it.each([
    [undefined, false],
    ['*', true],
    ['"3"', true],
    ['W/"3"', true],
    ['"2", "3"', true],
    ['"2"', false],
  ])('If-None-Match %s hits version 3: %s', (header, hit) => {
    expect(noneMatchHits(header, 3)).toBe(hit);
  });
});
