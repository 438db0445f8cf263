import type { Priority } from '../task.ts';
import type { Matcher } from './matcher.ts';

const PRIORITY_WORDS: Record<string, Priority> = {
  high: 'High',
  h: 'High',
  1: 'High',
  medium: 'Medium',
  med: 'Medium',
  m: 'Medium',
  2: 'Medium',
  low: 'Low',
  l: 'Low',
  3: 'Low',
};

// Tokens start at the beginning or after a space: "C#" and "a@b.c" are not tags or lists.
const token = (source: string) => new RegExp(`(?<=^|\\s)(?:${source})(?=$|[\\s,.;:?])`, 'giu');

export const TAG: Matcher = {
  kind: 'tag',
  pattern: token('#([\\p{L}\\p{N}_\\-/]{1,32})'),
  read: ([tag]) => ({ tag: tag!.toLowerCase() }),
};

export const PRIORITY: Matcher = {
  kind: 'priority',
  pattern: token(`!(${Object.keys(PRIORITY_WORDS).join('|')})`),
  read: ([word]) => ({ priority: PRIORITY_WORDS[word!.toLowerCase()]! }),
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `@name`: the longest of the user's list names that follows the `@` (names may hold spaces),
 * answered in the list's own spelling; else the word after `@`, for the caller to resolve.
 */
export function listMatcher(lists: readonly string[]): Matcher {
  const names = [...lists].sort((a, b) => b.length - a.length);
  const known = names.map(escape).join('|');
  return {
    kind: 'list',
    pattern: token(`@(${known ? `${known}|` : ''}[^\\s@#!]+)`),
    read: ([name]) => ({
      list: names.find((list) => list.toLowerCase() === name!.toLowerCase()) ?? name!,
    }),
  };
}
