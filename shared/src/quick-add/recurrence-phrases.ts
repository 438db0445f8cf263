import { rule, type Matcher, type Reading } from './matcher.ts';
import {
  COUNT,
  DAY_OF_MONTH,
  MONTH,
  ORDINAL,
  WEEKDAY,
  WEEKDAYS,
  countOf,
  dayOfMonthOf,
  monthOf,
  ordinalOf,
  phrase,
  weekdayOf,
  weekdaysOf,
} from './words.ts';

// `every!` repeats from completion (Todoist's spelling); so does a trailing "after completion".
const EVERY = '(every!?|each)\\s+';
const FREQ_OF_UNIT = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const;
const WORKDAYS = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, ordinal: null }));
const days = (weekdays: number[]) => weekdays.map((weekday) => ({ weekday, ordinal: null }));

const fromEvery = (every: string, reading: Reading): Reading => ({
  ...reading,
  repeatFromCompletion: every.endsWith('!'),
});

/** "on the 15th", "on the last day", "on monday and thursday" after "every month/week". */
function onPart(unit: string, on: string | undefined): Partial<Reading['rule']> | null {
  if (!on) return {};
  if (unit === 'month' && /last/i.test(on)) return { byMonthDay: [-1] };
  if (unit === 'month' && /\d/.test(on))
    return { byMonthDay: [dayOfMonthOf(on.replace(/\D+/, ''))] };
  if (unit === 'week' && new RegExp(WEEKDAY, 'iu').test(on)) return { byDay: days(weekdaysOf(on)) };
  return null;
}

const INTERVAL_UNITS: Matcher = {
  kind: 'recurrence',
  pattern: phrase(
    `${EVERY}(?:(other|${COUNT})\\s+)?(day|week|month|year)s?` +
      `(?:\\s+on\\s+((?:the\\s+)?(?:${DAY_OF_MONTH}|last\\s+day)|${WEEKDAYS}))?`,
  ),
  read([every, count, unit, on]) {
    const extra = onPart(unit!.toLowerCase(), on);
    if (!extra) return null;
    const interval = count === undefined ? 1 : count.toLowerCase() === 'other' ? 2 : countOf(count);
    if (!(interval >= 1 && interval <= 1000)) return null;
    const freq = FREQ_OF_UNIT[unit!.toLowerCase() as keyof typeof FREQ_OF_UNIT];
    return fromEvery(every!, { rule: rule(freq, { interval, ...extra }) });
  },
};

export const RECURRENCE_MATCHERS: Matcher[] = [
  {
    kind: 'recurrence',
    pattern: phrase(`${EVERY}(?:week\\s*day|work\\s*day)s?`),
    read: ([every]) => fromEvery(every!, { rule: rule('WEEKLY', { byDay: WORKDAYS }) }),
  },
  {
    kind: 'recurrence',
    pattern: phrase(`${EVERY}weekends?`),
    read: ([every]) => fromEvery(every!, { rule: rule('WEEKLY', { byDay: days([6, 7]) }) }),
  },
  {
    kind: 'recurrence',
    pattern: phrase(`${EVERY}(?:last\\s+day|end)\\s+of\\s+(?:the\\s+)?month`),
    read: ([every]) => fromEvery(every!, { rule: rule('MONTHLY', { byMonthDay: [-1] }) }),
  },
  {
    kind: 'recurrence',
    pattern: phrase(
      `${EVERY}(${ORDINAL})\\s+(${WEEKDAY})(?:\\s+of\\s+(?:the|each|every)\\s+month)?`,
    ),
    read: ([every, ordinal, weekday]) =>
      fromEvery(every!, {
        rule: rule('MONTHLY', {
          byDay: [{ weekday: weekdayOf(weekday!), ordinal: ordinalOf(ordinal!) }],
        }),
      }),
  },
  {
    kind: 'recurrence',
    pattern: phrase(
      `${EVERY}(?:(${MONTH})\\s+(${DAY_OF_MONTH})|(${DAY_OF_MONTH})\\s+(?:of\\s+)?(${MONTH}))`,
    ),
    read: ([every, month1, day1, day2, month2]) =>
      fromEvery(every!, {
        rule: rule('YEARLY', {
          byMonth: [monthOf(month1 ?? month2!)],
          byMonthDay: [dayOfMonthOf(day1 ?? day2!)],
        }),
      }),
  },
  {
    kind: 'recurrence',
    pattern: phrase(
      `${EVERY}(?:the\\s+)?(${DAY_OF_MONTH})(?:\\s+of\\s+(?:the|each|every)\\s+month)?`,
    ),
    read([every, day]) {
      if (!/\D/.test(day!)) return null; // "every 3" is a count without its unit
      return fromEvery(every!, { rule: rule('MONTHLY', { byMonthDay: [dayOfMonthOf(day!)] }) });
    },
  },
  INTERVAL_UNITS,
  {
    kind: 'recurrence',
    pattern: phrase(`${EVERY}(${WEEKDAYS})`),
    read: ([every, list]) =>
      fromEvery(every!, { rule: rule('WEEKLY', { byDay: days(weekdaysOf(list!)) }) }),
  },
  {
    kind: 'recurrence',
    pattern: phrase('(daily|weekly|monthly|yearly|annually)'),
    read([word]) {
      const lower = word!.toLowerCase();
      const freq = lower === 'annually' ? 'YEARLY' : (lower.toUpperCase() as 'DAILY');
      return { rule: rule(freq) };
    },
  },
];

/** "after completion" / "from completion" turns the rule just read into one that counts from done. */
export const FROM_COMPLETION: Matcher = {
  kind: 'recurrence',
  pattern: phrase('(?:after|from)\\s+(?:completion|done|completing)'),
  read: () => ({ repeatFromCompletion: true }),
};
