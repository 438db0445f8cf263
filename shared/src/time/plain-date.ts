/**
 * Calendar arithmetic on local dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian). Integer maths rather than `Date.UTC`, which maps years 0–99 to 1900–1999.
 */
export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysFromCivil({ year, month, day }: YearMonthDay): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): YearMonthDay {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const isLeapYear = (year: number) =>
  year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export const isoWeekday = (days: number) => ((((days + 3) % 7) + 7) % 7) + 1;

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

export const formatDate = ({ year, month, day }: YearMonthDay) =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** `YYYY-MM-DD` → its parts, or null when the text is not a real calendar day. */
export function parseDate(text: string): YearMonthDay | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export const dateToDays = (text: string) => {
  const parts = parseDate(text);
  if (!parts) throw new RangeError(`Not a calendar date: ${text}`);
  return daysFromCivil(parts);
};

export const daysToDate = (days: number) => formatDate(civilFromDays(days));

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 → Feb 28). */
export function addMonths({ year, month, day }: YearMonthDay, months: number): YearMonthDay {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return { year: y, month: m, day: Math.min(day, daysInMonth(y, m)) };
}
