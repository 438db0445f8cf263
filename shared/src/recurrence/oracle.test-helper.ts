import { Temporal } from 'temporal-polyfill';
import type { Rrule } from './rrule.ts';

/**
 * A second, independent reading of the supported RRULE subset for the property tests: it walks
 * day by day with Temporal and asks whether each day matches, where the engine generates the days
 * of each period. Zone maths is Temporal's (`disambiguation: 'compatible'`).
 */
const mondayOf = (date: Temporal.PlainDate) => date.subtract({ days: date.dayOfWeek - 1 });

function inInterval(rule: Rrule, anchor: Temporal.PlainDate, day: Temporal.PlainDate): boolean {
  let periods: number;
  if (rule.freq === 'DAILY') periods = anchor.until(day).days;
  else if (rule.freq === 'WEEKLY') periods = mondayOf(anchor).until(mondayOf(day)).days / 7;
  else if (rule.freq === 'MONTHLY')
    periods = day.year * 12 + day.month - anchor.year * 12 - anchor.month;
  else periods = day.year - anchor.year;
  return periods % rule.interval === 0;
}

function nthMatches(ordinal: number, position: number, length: number): boolean {
  const fromStart = Math.ceil(position / 7);
  const fromEnd = Math.floor((length - position) / 7) + 1;
  return ordinal > 0 ? fromStart === ordinal : fromEnd === -ordinal;
}

function dayMatches(rule: Rrule, day: Temporal.PlainDate): boolean {
  const yearly = rule.freq === 'YEARLY' && !rule.byMonth.length && !rule.byMonthDay.length;
  return rule.byDay.some(({ weekday, ordinal }) => {
    if (weekday !== day.dayOfWeek) return false;
    if (ordinal === null) return true;
    return yearly
      ? nthMatches(ordinal, day.dayOfYear, day.daysInYear)
      : nthMatches(ordinal, day.day, day.daysInMonth);
  });
}

export function matches(rule: Rrule, anchor: Temporal.PlainDate, day: Temporal.PlainDate): boolean {
  if (!inInterval(rule, anchor, day)) return false;
  const noDays = !rule.byMonthDay.length && !rule.byDay.length;
  if (rule.byMonth.length && !rule.byMonth.includes(day.month)) return false;
  if (rule.freq === 'YEARLY' && !rule.byMonth.length && noDays && day.month !== anchor.month) {
    return false;
  }
  const monthDays = rule.byMonthDay.map((value) =>
    value > 0 ? value : day.daysInMonth + 1 + value,
  );
  if (rule.byMonthDay.length && !monthDays.includes(day.day)) return false;
  if (rule.byDay.length && !dayMatches(rule, day)) return false;
  if (rule.freq === 'WEEKLY' && !rule.byDay.length) return day.dayOfWeek === anchor.dayOfWeek;
  if ((rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') && noDays) return day.day === anchor.day;
  return true;
}

/** The matching days after `anchor` within `days` days, at most `limit` of them, ending at COUNT. */
export function bruteForceDates(
  rule: Rrule,
  anchorText: string,
  days: number,
  limit: number,
  number = 1,
): string[] {
  const anchor = Temporal.PlainDate.from(anchorText);
  const found: string[] = [];
  for (let offset = 1; offset <= days && found.length < limit; offset++) {
    const day = anchor.add({ days: offset });
    if (day.year > 9999) break;
    if (!matches(rule, anchor, day)) continue;
    if (rule.count !== null && number + found.length + 1 > rule.count) break;
    found.push(day.toString());
  }
  return found;
}

export function temporalInstant(date: string, time: string | null, timeZone: string): number {
  return Temporal.PlainDateTime.from(`${date}T${time ?? '00:00'}`).toZonedDateTime(timeZone, {
    disambiguation: 'compatible',
  }).epochMilliseconds;
}

export function temporalWallClock(epochMs: number, timeZone: string) {
  const zoned = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return { date: zoned.toPlainDate().toString(), time: `${pad(zoned.hour)}:${pad(zoned.minute)}` };
}

/**
 * The wall clock `minutes` away from the zone's first offset change after `epochMs`, counted on
 * the clock as it read just before the change: such walls fall in gaps and repeated hours.
 */
export function wallNearTransition(epochMs: number, timeZone: string, minutes: number) {
  const start = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone);
  const change = start.getTimeZoneTransition('next');
  if (!change) return null;
  const wall = change
    .subtract({ minutes: 1 })
    .toPlainDateTime()
    .add({ minutes: minutes + 1 });
  const pad = (value: number) => String(value).padStart(2, '0');
  return { date: wall.toPlainDate().toString(), time: `${pad(wall.hour)}:${pad(wall.minute)}` };
}
