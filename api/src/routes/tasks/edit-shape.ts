import type { SlotValue } from '../../db/statement-templates.ts';
import type { TaskChanges } from './change-set.ts';
import type { TaskTarget } from './update-statement.ts';

// The edits whose statement is built once per shape (statement-templates.ts): those naming only
// fields the statement takes as they are (a slot: the title as sent, the occurrence completed)
// or whose value is part of the shape (a completion's flags, a cleared description). An edit of
// any other field (due, recurrence, tags, reminders, a move, an assignee, a restore) is built on
// every request: its parameters are derived from its values.
const SLOTS = new Set(['title', 'description', 'priority', 'occurrence']);
const FLAGS = new Set(['completed', 'skip']);

type Shape = {
  key: string;
  values: SlotValue[];
  /** The target and changes of `values` (the request's, or the template's stand-ins). */
  rebuild(values: SlotValue[]): [TaskTarget, TaskChanges];
};

/** The shape of an edit, or undefined when its statement must be built from its values. */
export function editShape(target: TaskTarget, changes: TaskChanges): Shape | undefined {
  const fixed: [string, unknown][] = [];
  const slotted: string[] = [];
  const values: SlotValue[] = [target.userId, target.id, ...(target.ifMatch ?? [])];
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (SLOTS.has(field) && (typeof value === 'string' || typeof value === 'number')) {
      slotted.push(field);
      values.push(value);
    } else if (FLAGS.has(field) || (SLOTS.has(field) && value === null)) {
      fixed.push([field, value]);
    } else return undefined;
  }
  const versions = target.ifMatch?.length;
  const key = JSON.stringify(['update', versions ?? null, slotted, fixed]);
  const rebuild = (v: SlotValue[]): [TaskTarget, TaskChanges] => {
    const rest = v.slice(2 + (versions ?? 0));
    const changed = Object.fromEntries([...fixed, ...slotted.map((f, i) => [f, rest[i]])]);
    const ifMatch = versions === undefined ? undefined : (v.slice(2, 2 + versions) as number[]);
    return [{ userId: String(v[0]), id: String(v[1]), ifMatch }, changed as TaskChanges];
  };
  return { key, values, rebuild };
}
