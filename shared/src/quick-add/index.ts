import type { RepeatFrom } from '../due.ts';
import { daysAfter } from '../recurrence/expand.ts';
import { formatRrule, type Rrule } from '../recurrence/rrule.ts';
import type { Priority } from '../task.ts';
import { dateToDays, daysToDate } from '../time/plain-date.ts';
import { instantToZoned } from '../time/zoned.ts';
import { DATE_MATCHERS, TIME_MATCHERS } from './date-phrases.ts';
import type { Context, Matcher, Reading, SpanKind } from './matcher.ts';
import { FROM_COMPLETION, RECURRENCE_MATCHERS } from './recurrence-phrases.ts';
import { PRIORITY, TAG, listMatcher } from './token-phrases.ts';

export type { SpanKind } from './matcher.ts';

/** A part of the text that was understood; `start`/`end` are UTF-16 offsets into it. */
export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
  text: string;
}

export interface QuickAddOptions {
  now: Date;
  /** The user's zone: "today" and "tomorrow" are its days. */
  timeZone: string;
  /** The user's list names, so `@Home chores` can name a list with a space. */
  lists?: readonly string[];
  /** Ranges to leave in the title as typed: the chips the user removed. */
  keep?: readonly { start: number; end: number }[];
}

export interface QuickAdd {
  title: string;
  due_date?: string;
  due_time?: string;
  recurrence?: { rrule: string; repeat_from: RepeatFrom };
  tags: string[];
  priority?: Priority;
  list?: string;
  spans: Span[];
}

type Range = { start: number; end: number };
const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

/** The first match of `matcher` clear of `taken` ranges that reads as something (all, for tags). */
function* accepted(text: string, matcher: Matcher, taken: Range[], context: Context) {
  for (const match of text.matchAll(matcher.pattern)) {
    const range = { start: match.index, end: match.index + match[0].length };
    if (taken.some((other) => overlaps(range, other))) continue;
    const reading = matcher.read(match.slice(1), context);
    if (!reading) continue;
    yield { span: { kind: matcher.kind, ...range, text: match[0] }, reading };
    if (matcher.kind !== 'tag') return;
  }
}

function understand(text: string, options: QuickAddOptions, context: Context) {
  const matchers = [
    TAG,
    PRIORITY,
    listMatcher(context.lists),
    ...RECURRENCE_MATCHERS,
    FROM_COMPLETION,
  ];
  const spans: Span[] = [];
  const readings: Reading[] = [];
  const kinds = new Set<SpanKind>();
  for (const matcher of [...matchers, ...DATE_MATCHERS, ...TIME_MATCHERS]) {
    const completion = matcher === FROM_COMPLETION;
    if (completion ? !kinds.has('recurrence') : kinds.has(matcher.kind)) continue;
    for (const { span, reading } of accepted(
      text,
      matcher,
      [...(options.keep ?? []), ...spans],
      context,
    )) {
      spans.push(span);
      readings.push(reading);
      kinds.add(matcher.kind);
    }
  }
  return {
    spans: spans.sort((a, b) => a.start - b.start),
    reading: Object.assign({}, ...readings) as Reading,
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

/**
 * The due day when the text names a time or a repetition but no day: the first day from today
 * on that the rule allows (any day without one) whose time has not passed yet.
 */
function impliedDay(rule: Rrule | undefined, time: string | undefined, context: Context): number {
  const { today } = context;
  const open = (day: number) => day > today || !time || minutesOf(time) > context.nowMinutes;
  const explicit = rule && (rule.byDay.length || rule.byMonthDay.length || rule.byMonth.length);
  if (!rule || !explicit) {
    if (open(today)) return today;
    return rule ? (daysAfter(rule, today, today).next().value ?? today) : today + 1;
  }
  for (const day of daysAfter(rule, today, today - 1)) if (open(day)) return day;
  return today;
}

function dueOf(reading: Reading, context: Context): Pick<QuickAdd, 'due_date' | 'due_time'> {
  if (reading.day === undefined && !reading.time && !reading.rule) return {};
  const day = reading.day ?? impliedDay(reading.rule, reading.time, context);
  return { due_date: daysToDate(day), ...(reading.time ? { due_time: reading.time } : {}) };
}

/** The text without the understood spans, spaces tidied. */
export function titleWithout(text: string, spans: readonly Range[]): string {
  let title = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    title += `${text.slice(at, span.start)} `;
    at = span.end;
  }
  // Punctuation left dangling at either end ("tomorrow: submit form") goes with the phrase.
  return (title + text.slice(at)).replace(/\s+/g, ' ').replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, '');
}

/** Reads a new task typed in plain words: `Pay rent every month on the 1st at 9am #home !high`. */
export function parseQuickAdd(text: string, options: QuickAddOptions): QuickAdd {
  const zoned = instantToZoned(options.now, options.timeZone);
  const context: Context = {
    today: dateToDays(zoned.date),
    nowMinutes: minutesOf(zoned.time),
    lists: options.lists ?? [],
  };
  const { spans, reading } = understand(text, options, context);
  const result: QuickAdd = {
    title: titleWithout(text, spans),
    tags: [],
    spans,
    ...dueOf(reading, context),
  };
  const tags = spans.filter((span) => span.kind === 'tag').map((span) => span.text.slice(1));
  result.tags = [...new Set(tags.map((tag) => tag.toLowerCase()))];
  if (reading.rule) {
    const repeatFrom = reading.repeatFromCompletion ? 'completion' : 'due';
    result.recurrence = { rrule: formatRrule(reading.rule), repeat_from: repeatFrom };
  }
  if (reading.priority) result.priority = reading.priority;
  if (reading.list) result.list = reading.list;
  return result;
}
