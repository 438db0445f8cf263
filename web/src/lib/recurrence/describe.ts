import type { Rrule } from '@tasks/shared/recurrence';

const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const UNITS = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const;

/** "first" … "fifth", "last": the nth weekday of a month. */
export function ordinal(value: number): string {
  if (value === -1) return 'last';
  if (value < -1) return `${ordinal(-value)} from last`;
  return ['first', 'second', 'third', 'fourth', 'fifth'][value - 1] ?? numbered(value);
}

/** "1st", "22nd": a day of the month. */
export function numbered(value: number): string {
  const tens = value % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][value % 10] ?? 'th');
  return `${value}${suffix}`;
}

function dayOfMonth(day: number): string {
  if (day === -1) return 'the last day';
  return day < 0 ? `the ${numbered(-day)} to last day` : `the ${numbered(day)}`;
}
const list = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

function dayPart(rule: Rrule): string {
  const workdays = rule.byDay.map((day) => day.weekday).join() === '1,2,3,4,5';
  if (workdays && rule.byDay.every((day) => day.ordinal === null)) return ' on weekdays';
  const days = rule.byDay.map(({ weekday, ordinal: nth }) =>
    nth === null ? DAY_NAMES[weekday - 1]! : `the ${ordinal(nth)} ${DAY_NAMES[weekday - 1]}`,
  );
  const parts: string[] = [];
  if (days.length) parts.push(`on ${list(days)}`);
  if (rule.byMonthDay.length) parts.push(`on ${list(rule.byMonthDay.map(dayOfMonth))}`);
  if (rule.byMonth.length) parts.push(`in ${list(rule.byMonth.map((m) => MONTH_NAMES[m - 1]!))}`);
  return parts.length ? ` ${parts.join(' ')}` : '';
}

function endPart(rule: Rrule): string {
  if (rule.count !== null) return `, ${rule.count} ${rule.count === 1 ? 'time' : 'times'}`;
  if (rule.until) return `, until ${rule.until.date}`;
  return '';
}

/** A rule in plain English: "every 3 days", "every month on the last day, 12 times". */
export function describeRule(rule: Rrule): string {
  const unit = UNITS[rule.freq];
  const every = rule.interval === 1 ? `every ${unit}` : `every ${rule.interval} ${unit}s`;
  return `${every}${dayPart(rule)}${endPart(rule)}`;
}
