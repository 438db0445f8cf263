/**
 * How due dates and times read on screen. A due date is a calendar day, not an instant: it is
 * formatted as that day (in UTC, where the day number and the date coincide), never converted
 * through the browser's zone, so 10 December shows as 10 December in every zone.
 */
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const dayWithYear = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const clockFormat = new Intl.DateTimeFormat(undefined, {
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'UTC',
});

const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** "Wed, 2 Dec" (the year only when it is not `thisYear`'s). */
export function formatDay(date: string, thisYear = new Date().getFullYear()): string {
  const format = Number(date.slice(0, 4)) === thisYear ? dayFormat : dayWithYear;
  return format.format(utcMidnight(date));
}

/** `HH:MM` as the user's locale writes a time of day ("6:00 PM", "18:00"). */
export function formatClock(time: string): string {
  return clockFormat.format(Date.parse(`1970-01-01T${time}:00Z`));
}

/** The zone this browser is in (the user's, unless their settings say otherwise). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The local calendar day (`YYYY-MM-DD`) of an instant in a zone. */
export function dayIn(instant: Date | number, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
