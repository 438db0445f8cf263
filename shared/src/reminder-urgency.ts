const MINUTE = 60_000;

/** "1 minute", "5 minutes": English, whole units. */
const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A duration as people say it: minutes under two hours, hours under two days, then days. */
function spoken(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 120) return plural(Math.max(minutes, 1), 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.round(hours / 24), 'day');
}

/** `HH:MM` (24 h) of an instant in a zone (null: UTC). */
function wallTime(instant: Date, timeZone: string | null): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timeZone ?? 'UTC',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/**
 * The urgency line of a reminder shown at `now`: "due in 30 minutes", "due now", "overdue since
 * 09:00" (in `timeZone`), or "reminder" for a task with no due time. Used by the push payload and
 * the tab alike, so both say the same thing.
 */
export function urgencyLine(now: Date, dueAt: Date | null, timeZone: string | null = null): string {
  if (!dueAt) return 'reminder';
  const ahead = dueAt.getTime() - now.getTime();
  if (ahead >= MINUTE / 2) return `due in ${spoken(ahead)}`;
  if (ahead > -MINUTE) return 'due now';
  return `overdue since ${wallTime(dueAt, timeZone)}`;
}
