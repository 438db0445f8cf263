import type { SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { executeKept, executeKeptShape } from '../../db/kept-statements.ts';
import type { SlotValue } from '../../db/statement-templates.ts';
import type { NewTask } from './queries.ts';

// The creates whose statement is built once per shape (statement-templates.ts), as edits are
// (edit-shape.ts): those whose fields the statement takes as they are (a slot: the title as
// sent, the target list) or whose value is part of the shape (`completed`, a null). A create with
// a due day or instant, a time, a zone, a recurrence or reminders of its own is built on every
// request: its parameters are derived from its values (the zone's spelling, the schedule).
const SLOTS = ['title', 'description', 'priority', 'list_id', 'assignee_id'] as const;
const DERIVED = ['due_date', 'due_time', 'due_at', 'time_zone', 'recurrence', 'reminders'] as const;

/** The statement's inputs: the values it takes as they are (the caller first), and the task. */
export type CreateParts<P extends string[] = string[]> = [passed: P, input: NewTask];

type Shape<P extends string[]> = {
  key: string;
  values: SlotValue[];
  /** The parts of `values` (the request's, or the template's stand-ins). */
  rebuild(values: SlotValue[]): CreateParts<P>;
};

/**
 * The shape of a create of `kind` (keyed or not), or undefined when its statement must be built
 * from its values. `passed` are the caller's id and whatever else the statement takes as is.
 */
export function createShape<P extends string[]>(
  kind: string,
  [passed, input]: CreateParts<P>,
): Shape<P> | undefined {
  if (DERIVED.some((field) => input[field] != null)) return undefined;
  const slotted = SLOTS.filter((field) => typeof input[field] === 'string');
  const fixed = Object.entries(input).filter(
    ([field]) => field !== 'tags' && !(slotted as string[]).includes(field),
  );
  const values: SlotValue[] = [
    ...passed,
    ...slotted.map((field) => input[field] as string),
    input.tags,
  ];
  const key = JSON.stringify(['create', kind, passed.length, slotted, fixed]);
  const rebuild = (v: SlotValue[]): CreateParts<P> => {
    const rest = v.slice(passed.length);
    const fields = Object.fromEntries(slotted.map((field, i) => [field, rest[i]]));
    const tags = rest[slotted.length] as string[];
    return [v.slice(0, passed.length) as P, { ...input, ...fields, tags }];
  };
  return { key, values, rebuild };
}

/** A create's statement, run as its kept function; from its shape's template where it has one. */
export function runCreate<Row, P extends string[]>(
  db: Database,
  kind: string,
  parts: CreateParts<P>,
  build: (parts: CreateParts<P>) => SQL,
) {
  const shape = createShape(kind, parts);
  return shape
    ? executeKeptShape<Row>(db, shape.key, shape.values, (v) => build(shape.rebuild(v)))
    : executeKept<Row>(db, build(parts));
}
