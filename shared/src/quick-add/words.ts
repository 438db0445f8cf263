/** Words the quick-add parser reads, as regular-expression sources and their meanings. */
const WEEKDAY_NAMES = [
  ['monday', 'mon'],
  ['tuesday', 'tues', 'tue'],
  ['wednesday', 'weds', 'wed'],
  ['thursday', 'thurs', 'thur', 'thu'],
  ['friday', 'fri'],
  ['saturday', 'sat'],
  ['sunday', 'sun'],
];
const MONTH_NAMES = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
];
const NUMBER_WORDS = [
  'a',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
];
const ORDINAL_WORDS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  last: -1,
};

const alternatives = (groups: string[][]) => groups.flat().join('|');

export const WEEKDAY = `(?:${alternatives(WEEKDAY_NAMES)})`;
export const MONTH = `(?:${alternatives(MONTH_NAMES)})`;
export const COUNT = `(?:\\d{1,3}|${NUMBER_WORDS.join('|')}|an)`;
export const ORDINAL = `(?:[1-5](?:st|nd|rd|th)|${Object.keys(ORDINAL_WORDS).join('|')})`;
export const DAY_OF_MONTH = `(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
/** A weekday list: "monday", "mon, wed and fri", "tuesday & thursday". */
export const WEEKDAYS = `${WEEKDAY}(?:\\s*(?:,|&|and|,\\s*and)\\s*${WEEKDAY})*`;

const findIn = (groups: string[][], word: string) =>
  groups.findIndex((names) => names.includes(word.toLowerCase())) + 1;

/** ISO weekday (1 = Monday) of a weekday word. */
export const weekdayOf = (word: string) => findIn(WEEKDAY_NAMES, word);
export const monthOf = (word: string) => findIn(MONTH_NAMES, word);
export const weekdaysOf = (text: string) =>
  [...new Set(text.match(new RegExp(WEEKDAY, 'giu'))!.map(weekdayOf))].sort();

export function countOf(word: string): number {
  const lower = word.toLowerCase();
  if (lower === 'an') return 1;
  const index = NUMBER_WORDS.indexOf(lower);
  return index >= 0 ? Math.max(index, 1) : Number(lower);
}

export function ordinalOf(word: string): number {
  const lower = word.toLowerCase();
  return ORDINAL_WORDS[lower] ?? Number.parseInt(lower, 10);
}

export const dayOfMonthOf = (word: string) => Number.parseInt(word, 10);

/**
 * A pattern that only matches whole words: `#`, `!` and `@` tokens and the phrases below must not
 * start or end inside a word ("sunday" in "sundays" aside, which the weekday list allows).
 */
export const phrase = (source: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, 'giu');
