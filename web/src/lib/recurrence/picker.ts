import {
  civilFromDays,
  dateToDays,
  formatRrule,
  isoWeekday,
  parseRrule,
  upcomingOccurrences,
  type Frequency,
  type Occurrence,
  type Rrule,
} from '@tasks/shared/recurrence';

/**
 * The recurrence picker's model: a few presets and a custom interval, each mapped to the RRULE
 * it stands for and back. A rule the picker cannot show exactly (typed by a script, say) is
 * kept as it is (`preset: 'as-is'`) rather than rewritten.
 */
export const PRESETS = ['none', 'daily', 'weekdays', 'weekly', 'monthly', 'yearly', 'custom'];
export type Preset = (typeof PRESETS)[number] | 'as-is';
export type MonthlyBy = 'day' | 'nth' | 'last';
export type Ends = 'never' | 'count' | 'until';
export type RepeatFrom = 'due' | 'completion';

export interface PickerState {
  preset: Preset;
  /** Custom only: every `interval` `unit`s. */
  interval: number;
  unit: Frequency;
  /** ISO weekdays (1 = Monday) of a weekly rule. */
  weekdays: number[];
  monthlyBy: MonthlyBy;
  /** Day of the month (1–31) of `monthlyBy: 'day'`. */
  monthDay: number;
  /** `monthlyBy: 'nth'`: the nth (1–5, -1 = last) `nthWeekday` of the month. */
  nth: number;
  nthWeekday: number;
  ends: Ends;
  count: number;
  /** `YYYY-MM-DD`, the last day an occurrence may fall on. */
  until: string;
  repeatFrom: RepeatFrom;
  /** The rule itself, for `as-is`. */
  rrule: string;
}

const WORKDAYS = [1, 2, 3, 4, 5];

/** The picker as it opens for a task due on `dueDate` that does not repeat yet. */
export function initialState(dueDate: string): PickerState {
  const days = dateToDays(dueDate);
  const { day } = civilFromDays(days);
  return {
    preset: 'none',
    interval: 1,
    unit: 'WEEKLY',
    weekdays: [isoWeekday(days)],
    monthlyBy: 'day',
    monthDay: day,
    nth: Math.ceil(day / 7) === 5 ? -1 : Math.ceil(day / 7),
    nthWeekday: isoWeekday(days),
    ends: 'never',
    count: 10,
    until: dueDate,
    repeatFrom: 'due',
    rrule: '',
  };
}

const FREQ_OF_PRESET: Partial<Record<Preset, Frequency>> = {
  daily: 'DAILY',
  weekdays: 'WEEKLY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  yearly: 'YEARLY',
};

function monthlyParts(state: PickerState): Partial<Rrule> {
  if (state.monthlyBy === 'last') return { byMonthDay: [-1] };
  if (state.monthlyBy === 'day') return { byMonthDay: [whole(state.monthDay, 1, 31)] };
  return { byDay: [{ weekday: state.nthWeekday, ordinal: state.nth }] };
}

function periodParts(freq: Frequency, state: PickerState): Partial<Rrule> {
  if (state.preset === 'weekdays') return { byDay: WORKDAYS.map(plain) };
  if (freq === 'WEEKLY') return { byDay: [...state.weekdays].sort().map(plain) };
  if (freq === 'MONTHLY') return monthlyParts(state);
  return {};
}

const plain = (weekday: number) => ({ weekday, ordinal: null });
/** A number input's value as a whole number within bounds (it is null while empty). */
const whole = (value: number | null, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.trunc(value ?? min) || min));

/** The rule the picker stands for; null when it does not repeat. */
export function toRule(state: PickerState): Rrule | null {
  if (state.preset === 'none') return null;
  if (state.preset === 'as-is') {
    const parsed = parseRrule(state.rrule);
    return parsed.ok ? parsed.rule : null;
  }
  const custom = state.preset === 'custom';
  const freq = custom ? state.unit : FREQ_OF_PRESET[state.preset]!;
  return {
    freq,
    interval: custom ? whole(state.interval, 1, 1000) : 1,
    byMonth: [],
    byMonthDay: [],
    byDay: [],
    ...periodParts(freq, state),
    count: state.ends === 'count' ? whole(state.count, 1, 100_000) : null,
    until:
      state.ends === 'until' && state.until ? { date: state.until, time: null, utc: false } : null,
  };
}

/** The task's `recurrence` for the picker's state. */
export function toRecurrence(state: PickerState) {
  const rule = toRule(state);
  return rule && { rrule: formatRrule(rule), repeat_from: state.repeatFrom };
}

function presetOf(rule: Rrule): Preset {
  const days = rule.byDay.map((day) => day.weekday).join();
  const plainDays = rule.byDay.every((day) => day.ordinal === null);
  if (rule.interval === 1 && rule.freq === 'WEEKLY' && plainDays && days === '1,2,3,4,5') {
    return 'weekdays';
  }
  if (rule.interval !== 1) return 'custom';
  return { DAILY: 'daily', WEEKLY: 'weekly', MONTHLY: 'monthly', YEARLY: 'yearly' }[rule.freq];
}

function readPeriod(state: PickerState, rule: Rrule): PickerState {
  if (rule.freq === 'WEEKLY' && rule.byDay.length) {
    return { ...state, weekdays: rule.byDay.map((day) => day.weekday) };
  }
  if (rule.freq !== 'MONTHLY') return state;
  const [monthDay] = rule.byMonthDay;
  const [byDay] = rule.byDay;
  if (monthDay === -1) return { ...state, monthlyBy: 'last' };
  if (monthDay) return { ...state, monthlyBy: 'day', monthDay };
  if (byDay?.ordinal)
    return { ...state, monthlyBy: 'nth', nth: byDay.ordinal, nthWeekday: byDay.weekday };
  return state;
}

/**
 * The picker showing a task's recurrence. It must give back the very same rule: when it cannot
 * (parts it has no control for), the rule is shown as it is.
 */
export function fromRecurrence(
  recurrence: { rrule: string; repeat_from: RepeatFrom } | null,
  dueDate: string,
): PickerState {
  const initial = initialState(dueDate);
  if (!recurrence) return initial;
  const parsed = parseRrule(recurrence.rrule);
  const asIs = {
    ...initial,
    preset: 'as-is' as const,
    rrule: recurrence.rrule,
    repeatFrom: recurrence.repeat_from,
  };
  if (!parsed.ok) return asIs;
  const rule = parsed.rule;
  let state: PickerState = {
    ...readPeriod(initial, rule),
    preset: presetOf(rule),
    interval: rule.interval,
    unit: rule.freq,
    repeatFrom: recurrence.repeat_from,
  };
  if (rule.count !== null) state = { ...state, ends: 'count', count: rule.count };
  if (rule.until) state = { ...state, ends: 'until', until: rule.until.date };
  const same = toRule(state);
  return same && formatRrule(same) === formatRrule(rule) ? state : asIs;
}

/** Whether the chosen day is missing from some months, which then have no occurrence (RFC 5545). */
export const skipsMonths = (state: PickerState) => state.monthlyBy === 'day' && state.monthDay > 28;

/** The next `count` occurrences after the current one, for the preview. */
export function preview(
  state: PickerState,
  due: { date: string; time: string | null; timeZone: string; occurrence?: number },
  count = 5,
): Occurrence[] {
  const rule = toRule(state);
  if (!rule) return [];
  return upcomingOccurrences({ ...due, rrule: rule }, count);
}
