import { civilFromDays, dateToDays, daysFromCivil, formatDate } from './plain-date.ts';

/** A wall-clock reading in a zone: `YYYY-MM-DD` and `HH:MM` (24 h). */
export interface ZonedDateTime {
  date: string;
  time: string;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
export const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

// One formatter per zone: constructing them is the slow part of Intl; reading parts is cheap.
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at `epochMs`, as milliseconds of a UTC clock showing the same reading. */
function wallClockMs(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  let bc = false;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'era') bc = part.value.startsWith('B');
    else if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const year = bc ? 1 - fields.year! : fields.year!;
  const days = daysFromCivil({ year, month: fields.month!, day: fields.day! });
  return days * DAY + ((fields.hour! * 60 + fields.minute!) * 60 + fields.second!) * 1000;
}

/** The zone's UTC offset at an instant, in milliseconds (wall clock minus UTC). */
export const offsetMs = (epochMs: number, timeZone: string) =>
  wallClockMs(Math.floor(epochMs / 1000) * 1000, timeZone) - Math.floor(epochMs / 1000) * 1000;

/**
 * The instant a local date and time name in `timeZone`. A time skipped by a forward shift moves
 * forward by the gap (02:30 on a spring-forward night → 03:30); a time that happens twice takes
 * the earlier instant. Same as Temporal's `disambiguation: 'compatible'`. Assumes at most one
 * offset change within a day either side, which holds for every zone in the tz database.
 */
export function zonedToInstant(date: string, time: string | null, timeZone: string): Date {
  const [hours, minutes] = (time ?? '00:00').split(':').map(Number) as [number, number];
  const wall = dateToDays(date) * DAY + (hours * 60 + minutes) * MINUTE;
  const before = offsetMs(wall - DAY, timeZone);
  const after = offsetMs(wall + DAY, timeZone);
  const candidates = [wall - before, wall - after].filter(
    (epoch) => wall - epoch === offsetMs(epoch, timeZone),
  );
  // None valid: the wall time falls in a gap; reading it with the offset before the gap lands
  // the gap's length later.
  return new Date(candidates.length ? Math.min(...candidates) : wall - before);
}

/** The local date and time (minutes, seconds dropped) of an instant in `timeZone`. */
export function instantToZoned(instant: Date | number | string, timeZone: string): ZonedDateTime {
  const wall = wallClockMs(new Date(instant).getTime(), timeZone);
  const days = Math.floor(wall / DAY);
  const minutes = Math.floor((wall - days * DAY) / MINUTE);
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return { date: formatDate(civilFromDays(days)), time: `${hh}:${mm}` };
}

/**
 * The name of a zone Intl knows, in the tz database's letter case when Intl can tell it, else
 * null. Aliases keep the name given: engines disagree on which of a pair is canonical (Node 20
 * answers Asia/Calcutta for Asia/Kolkata and Europe/Kiev for Europe/Kyiv; newer ones do not),
 * and a stored zone must not depend on the runtime that stored it.
 */
export function canonicalTimeZone(name: string): string | null {
  // Intl also accepts offsets such as "+05:30"; a zone here is a tz database name.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return null;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions()
      .timeZone;
    return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  } catch {
    return null;
  }
}
