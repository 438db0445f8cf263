import { DATE_PATTERN, parseDate } from '../time/plain-date.ts';

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const RRULE_MAX = 500;

/** `weekday` is ISO (1 = Monday); `ordinal` is the nth in the month or year (negative from the end). */
export interface ByDay {
  weekday: number;
  ordinal: number | null;
}

/** UNTIL as written: a date, a floating local date-time, or a UTC one (`…Z`). */
export interface Until {
  date: string;
  time: string | null;
  utc: boolean;
}

/** The supported subset of an RFC 5545 RRULE, normalised. Empty lists mean "not given". */
export interface Rrule {
  freq: Frequency;
  interval: number;
  byMonth: number[];
  byMonthDay: number[];
  byDay: ByDay[];
  count: number | null;
  until: Until | null;
}

export type RruleResult = { ok: true; rule: Rrule } | { ok: false; message: string };

class RruleError extends Error {}
const fail = (message: string): never => {
  throw new RruleError(message);
};

function integer(part: string, text: string, min: number, max: number): number {
  if (!/^[+-]?\d{1,9}$/.test(text)) fail(`${part} must be a whole number`);
  const value = Number(text);
  if (value < min || value > max || value === 0) {
    fail(`${part} must be between ${min} and ${max}${min < 0 ? ', not 0' : ''}`);
  }
  return value;
}

const list = (part: string, text: string, min: number, max: number) =>
  [...new Set(text.split(',').map((item) => integer(part, item, min, max)))].sort((a, b) => a - b);

function byDays(text: string): ByDay[] {
  const days = text.split(',').map((item) => {
    const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item);
    if (!match) return fail(`BYDAY "${item}" is not a weekday such as MO, 2MO or -1FR`);
    const ordinal = match[1] === undefined ? null : integer('BYDAY ordinal', match[1], -53, 53);
    return { weekday: WEEKDAYS.indexOf(match[2] as never) + 1, ordinal };
  });
  const unique = new Map(days.map((day) => [`${day.ordinal ?? 0}${day.weekday}`, day]));
  return [...unique.values()].sort(
    (a, b) => a.weekday - b.weekday || (a.ordinal ?? 0) - (b.ordinal ?? 0),
  );
}

function until(text: string): Until {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(text);
  const date = match && `${match[1]}-${match[2]}-${match[3]}`;
  if (!match || !date || !DATE_PATTERN.test(date) || !parseDate(date)) {
    return fail('UNTIL must be a date such as 20271231 or a time such as 20271231T235959Z');
  }
  if (match[4] === undefined) return { date, time: null, utc: false };
  if (Number(match[4]) > 23 || Number(match[5]) > 59 || Number(match[6]) > 59) {
    fail('UNTIL has a time that does not exist');
  }
  return { date, time: `${match[4]}:${match[5]}:${match[6]}`, utc: match[7] === 'Z' };
}

type Parts = Map<string, string>;

function splitParts(text: string): Parts {
  const parts: Parts = new Map();
  const body = text
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  for (const part of body.split(';').filter(Boolean)) {
    const [name, value, extra] = part.split('=');
    if (!name || value === undefined || value === '' || extra !== undefined) {
      fail(`"${part}" is not NAME=VALUE`);
    }
    if (parts.has(name!)) fail(`${name} is given twice`);
    parts.set(name!, value!);
  }
  return parts;
}

const SUPPORTED = ['FREQ', 'INTERVAL', 'BYMONTH', 'BYMONTHDAY', 'BYDAY', 'COUNT', 'UNTIL', 'WKST'];

function checkCombination(rule: Rrule): void {
  const periodic = rule.freq === 'MONTHLY' || rule.freq === 'YEARLY';
  if (!periodic && rule.byDay.some((day) => day.ordinal !== null)) {
    fail(`BYDAY with a number (such as 2MO) needs FREQ=MONTHLY or FREQ=YEARLY`);
  }
  if (rule.freq === 'WEEKLY' && rule.byMonthDay.length)
    fail('BYMONTHDAY cannot be used with FREQ=WEEKLY');
  if (rule.freq === 'MONTHLY' && rule.byDay.some((day) => Math.abs(day.ordinal ?? 0) > 5)) {
    fail('BYDAY in a month counts at most 5 of a weekday');
  }
}

function build(parts: Parts): Rrule {
  for (const name of parts.keys()) if (!SUPPORTED.includes(name)) fail(`${name} is not supported`);
  const freq = parts.get('FREQ');
  if (!freq) return fail('FREQ is required');
  if (!FREQUENCIES.includes(freq as Frequency)) fail(`FREQ=${freq} is not supported`);
  const wkst = parts.get('WKST');
  if (wkst !== undefined && wkst !== 'MO')
    fail(`WKST=${wkst} is not supported (weeks start on MO)`);
  if (parts.has('COUNT') && parts.has('UNTIL')) fail('COUNT and UNTIL cannot both be given');
  const get = (name: string) => parts.get(name);
  const rule: Rrule = {
    freq: freq as Frequency,
    interval: get('INTERVAL') ? integer('INTERVAL', get('INTERVAL')!, 1, 1000) : 1,
    byMonth: get('BYMONTH') ? list('BYMONTH', get('BYMONTH')!, 1, 12) : [],
    byMonthDay: get('BYMONTHDAY') ? list('BYMONTHDAY', get('BYMONTHDAY')!, -31, 31) : [],
    byDay: get('BYDAY') ? byDays(get('BYDAY')!) : [],
    count: get('COUNT') ? integer('COUNT', get('COUNT')!, 1, 100_000) : null,
    until: get('UNTIL') ? until(get('UNTIL')!) : null,
  };
  checkCombination(rule);
  return rule;
}

// The longest each month can be (February in a leap year).
const MONTH_MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Why a rule can never fall on any day, or null: every BYMONTHDAY lies past the end of every month
 * it may fall in (a 30th of February, a 31st of April). Such a rule names no occurrence after
 * its first, and finding that out takes a walk through a whole 400-year cycle of days, so it is
 * refused on input rather than stored.
 */
export function neverFalls(rule: Rrule): string | null {
  if (!rule.byMonthDay.length) return null;
  const months = rule.byMonth.length ? rule.byMonth : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const longest = Math.max(...months.map((month) => MONTH_MAX_DAYS[month - 1]!));
  if (rule.byMonthDay.some((day) => Math.abs(day) <= longest)) return null;
  return `BYMONTHDAY=${rule.byMonthDay.join(',')} never falls in BYMONTH=${months.join(',')}`;
}

/** Parses an RRULE (any letter case, optional `RRULE:` prefix); the message names the bad part. */
export function parseRrule(text: string): RruleResult {
  try {
    if (text.length > RRULE_MAX) fail(`An RRULE is at most ${RRULE_MAX} characters`);
    return { ok: true, rule: build(splitParts(text)) };
  } catch (error) {
    if (error instanceof RruleError) return { ok: false, message: error.message };
    throw error;
  }
}

const compact = (date: string) => date.replaceAll('-', '');

function formatUntil({ date, time, utc }: Until): string {
  return compact(date) + (time ? `T${time.replaceAll(':', '')}${utc ? 'Z' : ''}` : '');
}

const formatDay = ({ weekday, ordinal }: ByDay) => `${ordinal ?? ''}${WEEKDAYS[weekday - 1]}`;

/** The canonical text of a rule: fixed part order, defaults (INTERVAL=1, WKST=MO) left out. */
export function formatRrule(rule: Rrule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth.length) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay.length) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length) parts.push(`BYDAY=${rule.byDay.map(formatDay).join(',')}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until) parts.push(`UNTIL=${formatUntil(rule.until)}`);
  return parts.join(';');
}

/** Parses or throws; for callers holding text already validated by `RruleSchema`. */
export function ruleOf(text: string): Rrule {
  const result = parseRrule(text);
  if (!result.ok) throw new RangeError(result.message);
  return result.rule;
}
