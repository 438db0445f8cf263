import type { Priority } from '@tasks/shared';
import { parseQuickAdd, type QuickAdd, type Span } from '@tasks/shared/quick-add';
import { ruleOf } from '@tasks/shared/recurrence';
import { formatClock, formatDay } from '$lib/due/due-format';
import { describeRule } from '$lib/recurrence/describe';

/**
 * The chips model of quick add: what the parser understood in the new-task text, as chips the
 * user can remove. A removed chip becomes a kept range: its words stay in the title as typed and
 * the parser is asked to leave them alone, also after later edits of the text.
 */
export interface ListRef {
  id: string;
  name: string;
}

/** A range of the text the user wants kept as typed (a removed chip). */
export interface Kept {
  start: number;
  end: number;
  text: string;
}

export interface Chip extends Span {
  /** What the chip says: "Due Wed, 2 Dec", "Repeats every 3 days", "#home". */
  label: string;
}

export interface QuickAddContext {
  now: Date;
  /** The user's zone: "today" and "tomorrow" are its days. */
  timeZone: string;
  lists: readonly ListRef[];
}

/** The fields of a new task that quick add fills in (only those it understood). */
export interface QuickAddFields {
  title: string;
  tags?: string[];
  priority?: Priority;
  list_id?: string;
  due_date?: string;
  due_time?: string;
  recurrence?: { rrule: string; repeat_from: 'due' | 'completion' };
}

export interface Understood {
  fields: QuickAddFields;
  chips: Chip[];
  /** The kept ranges, moved along with the text; unknown `@lists` are kept as typed too. */
  kept: Kept[];
}

/**
 * Moves kept ranges onto the edited text: each stays where its words still are, else goes to the
 * nearest place they appear, else is dropped (its words were edited away).
 */
export function rebase(kept: readonly Kept[], text: string): Kept[] {
  const moved: Kept[] = [];
  for (const range of kept) {
    let best = -1;
    for (let at = text.indexOf(range.text); at >= 0; at = text.indexOf(range.text, at + 1)) {
      const free = moved.every((other) => at >= other.end || at + range.text.length <= other.start);
      if (free && (best < 0 || Math.abs(at - range.start) < Math.abs(best - range.start))) {
        best = at;
      }
    }
    if (best >= 0) moved.push({ start: best, end: best + range.text.length, text: range.text });
  }
  return moved;
}

const findList = (lists: readonly ListRef[], name: string) =>
  lists.find((list) => list.name.toLowerCase() === name.toLowerCase());

function parse(text: string, kept: readonly Kept[], context: QuickAddContext): QuickAdd {
  return parseQuickAdd(text, {
    now: context.now,
    timeZone: context.timeZone,
    lists: context.lists.map((list) => list.name),
    keep: kept,
  });
}

function chipLabel(span: Span, result: QuickAdd, context: QuickAddContext): string {
  const year = Number(context.now.toISOString().slice(0, 4));
  const implied = !result.spans.some((other) => other.kind === 'date') && result.due_date;
  const starting = implied ? `, ${formatDay(implied, year)}` : '';
  switch (span.kind) {
    case 'date':
      return `Due ${formatDay(result.due_date!, year)}`;
    case 'time':
      return `At ${formatClock(result.due_time!)}${result.recurrence ? '' : starting}`;
    case 'recurrence': {
      const { rrule, repeat_from } = result.recurrence!;
      const after = repeat_from === 'completion' ? ' after completion' : '';
      return `Repeats ${describeRule(ruleOf(rrule))}${after}${starting && `, from${starting.slice(1)}`}`;
    }
    case 'tag':
      return span.text.toLowerCase();
    case 'priority':
      return `${result.priority} priority`;
    case 'list':
      return `List ${findList(context.lists, result.list!)?.name ?? result.list}`;
  }
}

function fieldsOf(result: QuickAdd, lists: readonly ListRef[]): QuickAddFields {
  const fields: QuickAddFields = { title: result.title };
  if (result.tags.length) fields.tags = result.tags;
  if (result.priority) fields.priority = result.priority;
  if (result.list) fields.list_id = findList(lists, result.list)!.id;
  if (result.due_date) fields.due_date = result.due_date;
  if (result.due_time) fields.due_time = result.due_time;
  if (result.recurrence) fields.recurrence = result.recurrence;
  return fields;
}

/** Reads `text`, leaving the `kept` ranges as typed. */
export function understand(
  text: string,
  kept: readonly Kept[],
  context: QuickAddContext,
): Understood {
  let ranges = rebase(kept, text);
  let result = parse(text, ranges, context);
  // `@name` that is none of the user's lists is just text ("email @bob"): keep it and read again.
  while (result.list && !findList(context.lists, result.list)) {
    const span = result.spans.find((item) => item.kind === 'list')!;
    ranges = [...ranges, { start: span.start, end: span.end, text: span.text }];
    result = parse(text, ranges, context);
  }
  const chips = result.spans.map((span) => ({ ...span, label: chipLabel(span, result, context) }));
  return { fields: fieldsOf(result, context.lists), chips, kept: ranges };
}

/** The kept ranges once `chip` is removed: its words stay in the title. */
export function removeChip(kept: readonly Kept[], chip: Span): Kept[] {
  return [...kept, { start: chip.start, end: chip.end, text: chip.text }];
}
