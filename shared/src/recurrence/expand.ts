import type { ByDay, Rrule } from './rrule.ts';
import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoWeekday,
  type YearMonthDay,
} from '../time/plain-date.ts';

/**
 * RFC 5545 expansion of the supported subset at day level: the days of one period (a day, week,
 * month or year of the rule's FREQ), from the series' first day (`anchor`). Parts missing from
 * the rule default to the anchor's weekday, day or month, as RFC 5545 takes them from DTSTART.
 */
const matchesOrdinal = (ordinal: number | null, index: number, total: number) =>
  ordinal === null || ordinal === index + 1 || ordinal === index - total;

/** The days numbered `first … first+length-1` that fall on `byDay` (ordinals within that span). */
function weekdaysIn(first: number, length: number, byDay: ByDay[]): number[] {
  const days: number[] = [];
  for (const { weekday, ordinal } of byDay) {
    const start = first + ((weekday - isoWeekday(first) + 7) % 7);
    const all: number[] = [];
    for (let day = start; day < first + length; day += 7) all.push(day);
    days.push(...all.filter((_, index) => matchesOrdinal(ordinal, index, all.length)));
  }
  return days;
}

function monthDays(year: number, month: number, rule: Rrule, anchor: YearMonthDay): number[] {
  const first = daysFromCivil({ year, month, day: 1 });
  const length = daysInMonth(year, month);
  if (rule.byMonthDay.length) {
    const days = rule.byMonthDay
      .map((day) => (day > 0 ? day : length + 1 + day))
      .filter((day) => day >= 1 && day <= length)
      .map((day) => first + day - 1);
    if (!rule.byDay.length) return days;
    const allowed = new Set(weekdaysIn(first, length, rule.byDay));
    return days.filter((day) => allowed.has(day));
  }
  if (rule.byDay.length) return weekdaysIn(first, length, rule.byDay);
  return anchor.day <= length ? [first + anchor.day - 1] : [];
}

function yearDays(year: number, rule: Rrule, anchor: YearMonthDay): number[] {
  if (rule.byDay.length && !rule.byMonth.length && !rule.byMonthDay.length) {
    const first = daysFromCivil({ year, month: 1, day: 1 });
    return weekdaysIn(
      first,
      daysFromCivil({ year: year + 1, month: 1, day: 1 }) - first,
      rule.byDay,
    );
  }
  const implicit = !rule.byMonthDay.length && !rule.byDay.length ? [anchor.month] : ALL_MONTHS;
  const months = rule.byMonth.length ? rule.byMonth : implicit;
  return months.flatMap((month) => monthDays(year, month, rule, anchor));
}

const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

function limitDay(day: number, rule: Rrule): boolean {
  const { month, day: dayOfMonth, year } = civilFromDays(day);
  if (rule.byMonth.length && !rule.byMonth.includes(month)) return false;
  const length = daysInMonth(year, month);
  const byMonthDay = rule.byMonthDay.map((value) => (value > 0 ? value : length + 1 + value));
  if (byMonthDay.length && !byMonthDay.includes(dayOfMonth)) return false;
  return !rule.byDay.length || rule.byDay.some(({ weekday }) => weekday === isoWeekday(day));
}

/** The sorted days of period `index` (0 = the anchor's period; each step is INTERVAL periods). */
export function periodDays(rule: Rrule, anchorDay: number, index: number): number[] {
  const anchor = civilFromDays(anchorDay);
  const step = index * rule.interval;
  let days: number[];
  if (rule.freq === 'DAILY') {
    days = limitDay(anchorDay + step, rule) ? [anchorDay + step] : [];
  } else if (rule.freq === 'WEEKLY') {
    const monday = anchorDay - isoWeekday(anchorDay) + 1 + step * 7;
    const byDay = rule.byDay.length
      ? rule.byDay
      : [{ weekday: isoWeekday(anchorDay), ordinal: null }];
    days = weekdaysIn(monday, 7, byDay).filter(
      (day) => !rule.byMonth.length || rule.byMonth.includes(civilFromDays(day).month),
    );
  } else if (rule.freq === 'MONTHLY') {
    const { year, month } = addMonths({ ...anchor, day: 1 }, step);
    days =
      rule.byMonth.length && !rule.byMonth.includes(month)
        ? []
        : monthDays(year, month, rule, anchor);
  } else {
    days = yearDays(anchor.year + step, rule, anchor);
  }
  return [...new Set(days)].sort((a, b) => a - b);
}

/** The first day of period `index`, to know when a search has gone far enough. */
export function periodStart(rule: Rrule, anchorDay: number, index: number): number {
  const anchor = civilFromDays(anchorDay);
  const step = index * rule.interval;
  if (rule.freq === 'DAILY') return anchorDay + step;
  if (rule.freq === 'WEEKLY') return anchorDay - isoWeekday(anchorDay) + 1 + step * 7;
  if (rule.freq === 'MONTHLY') return daysFromCivil(addMonths({ ...anchor, day: 1 }, step));
  return daysFromCivil({ year: anchor.year + step, month: 1, day: 1 });
}

/** The last day a series may reach: 9999-12-31. */
export const LAST_DAY = daysFromCivil({ year: 9999, month: 12, day: 31 });
// A pattern absent for a whole 400-year Gregorian cycle never comes back.
export const CYCLE_DAYS = 146_097;

/** The rule's days strictly after `afterDay`, in order, for a series starting on `anchorDay`. */
export function* daysAfter(rule: Rrule, anchorDay: number, afterDay: number): Generator<number> {
  let last = Math.max(anchorDay, afterDay);
  for (let index = 0; ; index++) {
    const start = periodStart(rule, anchorDay, index);
    if (start > LAST_DAY || start - last > CYCLE_DAYS) return;
    for (const day of periodDays(rule, anchorDay, index)) {
      if (day > afterDay && day <= LAST_DAY) {
        last = day;
        yield day;
      }
    }
  }
}
