import {
  addMonths,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoWeekday,
} from '../time/plain-date.ts';
import type { Context, Matcher } from './matcher.ts';
import {
  COUNT,
  DAY_OF_MONTH,
  MONTH,
  WEEKDAY,
  countOf,
  dayOfMonthOf,
  monthOf,
  phrase,
  weekdayOf,
} from './words.ts';

const ON = '(?:(?:due\\s+)?(?:on|by)\\s+)?';

/** The first day after today (today excluded) that falls on `weekday`. */
const nextWeekday = (today: number, weekday: number) =>
  today + ((weekday - isoWeekday(today) + 6) % 7) + 1;

/** The next `month`/`day` on or after today, or in `year` when given; null if no such day. */
function nextMonthDay(context: Context, month: number, day: number, year?: number): number | null {
  const { year: thisYear } = civilFromDays(context.today);
  for (let candidate = year ?? thisYear; candidate <= (year ?? thisYear + 8); candidate++) {
    if (day > daysInMonth(candidate, month)) continue;
    const days = daysFromCivil({ year: candidate, month, day });
    if (year !== undefined || days >= context.today) return days;
  }
  return null;
}

function inUnits(today: number, count: number, unit: string): number {
  const lower = unit.toLowerCase();
  if (lower.startsWith('day')) return today + count;
  if (lower.startsWith('week')) return today + count * 7;
  const months = lower.startsWith('month') ? count : count * 12;
  return daysFromCivil(addMonths(civilFromDays(today), months));
}

export const DATE_MATCHERS: Matcher[] = [
  {
    kind: 'date',
    pattern: phrase(
      `${ON}(today|tod|tonight|(?:the\\s+)?day\\s+after\\s+tomorrow|tomorrow|tmrw?|tomorow)`,
    ),
    read([word], { today }) {
      const lower = word!.toLowerCase();
      if (lower.includes('after')) return { day: today + 2 };
      return { day: lower.startsWith('to') && !lower.startsWith('tom') ? today : today + 1 };
    },
  },
  {
    kind: 'date',
    pattern: phrase(`${ON}(\\d{4})-(\\d{2})-(\\d{2})`),
    read([year, month, day], context) {
      const days = nextMonthDay(context, Number(month), Number(day), Number(year));
      return days === null || Number(month) > 12 ? null : { day: days };
    },
  },
  {
    kind: 'date',
    pattern: phrase(
      `${ON}(?:(${MONTH})\\s+(${DAY_OF_MONTH})|(${DAY_OF_MONTH})\\s+(?:of\\s+)?(${MONTH}))(?:,?\\s+(\\d{4}))?`,
    ),
    read([month1, day1, day2, month2, year], context) {
      const month = monthOf(month1 ?? month2!);
      const days = nextMonthDay(
        context,
        month,
        dayOfMonthOf(day1 ?? day2!),
        year ? Number(year) : undefined,
      );
      return days === null ? null : { day: days };
    },
  },
  {
    kind: 'date',
    pattern: phrase(`${ON}(?:(next|this)\\s+)?(${WEEKDAY})`),
    // "friday" and "next friday" both name the coming Friday (never today): what most people mean.
    read: ([, weekday], { today }) => ({ day: nextWeekday(today, weekdayOf(weekday!)) }),
  },
  {
    kind: 'date',
    pattern: phrase('next\\s+(week|month|year)'),
    read([unit], { today }) {
      const lower = unit!.toLowerCase();
      if (lower === 'week') return { day: nextWeekday(today, 1) };
      const { year, month } = civilFromDays(today);
      return {
        day:
          lower === 'month'
            ? daysFromCivil(addMonths({ year, month, day: 1 }, 1))
            : daysFromCivil({ year: year + 1, month: 1, day: 1 }),
      };
    },
  },
  {
    kind: 'date',
    pattern: phrase(`in\\s+(${COUNT})\\s+(days?|weeks?|months?|years?)`),
    read: ([count, unit], { today }) => ({ day: inUnits(today, countOf(count!), unit!) }),
  },
  {
    kind: 'date',
    pattern: phrase(`${ON}(?:the\\s+)?end\\s+of\\s+(?:the\\s+)?month`),
    read(_groups, { today }) {
      const { year, month } = civilFromDays(today);
      return { day: daysFromCivil({ year, month, day: daysInMonth(year, month) }) };
    },
  },
  {
    kind: 'date',
    pattern: phrase(`${ON}the\\s+(${DAY_OF_MONTH})`),
    read([day], { today }) {
      const { year, month } = civilFromDays(today);
      for (let ahead = 0; ahead < 12; ahead++) {
        const target = addMonths({ year, month, day: 1 }, ahead);
        const value = dayOfMonthOf(day!);
        if (value > daysInMonth(target.year, target.month)) continue;
        const days = daysFromCivil({ ...target, day: value });
        if (days >= today) return { day: days };
      }
      return null;
    },
  },
];

const pad = (value: number) => String(value).padStart(2, '0');

function clock(hours: number, minutes: number, meridiem: string | undefined): string | null {
  let value = hours;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    value = (hours % 12) + (meridiem.toLowerCase().startsWith('p') ? 12 : 0);
  }
  return value > 23 || minutes > 59 ? null : `${pad(value)}:${pad(minutes)}`;
}

export const TIME_MATCHERS: Matcher[] = [
  {
    kind: 'time',
    // A lone "a"/"p" only when written against the number ("9a"), not "5 a day".
    pattern: phrase('(?:at\\s+)?(\\d{1,2})(?:[:.](\\d{2}))?(?:\\s*([ap]\\.?m\\.?)|([ap]))'),
    read: ([hours, minutes, meridiem, letter]) => {
      const time = clock(Number(hours), Number(minutes ?? 0), meridiem ?? letter);
      return time ? { time } : null;
    },
  },
  {
    kind: 'time',
    pattern: phrase('(?:at\\s+)?(\\d{1,2}):(\\d{2})'),
    read: ([hours, minutes]) => {
      const time = clock(Number(hours), Number(minutes), undefined);
      return time ? { time } : null;
    },
  },
  {
    kind: 'time',
    pattern: phrase('at\\s+(\\d{1,2})'),
    read: ([hours]) => {
      const time = clock(Number(hours), 0, undefined);
      return time ? { time } : null;
    },
  },
  {
    kind: 'time',
    pattern: phrase('(?:at\\s+)?(noon|midday|midnight)'),
    read: ([word]) => ({ time: word!.toLowerCase() === 'midnight' ? '00:00' : '12:00' }),
  },
];
