import { describe, expect, it } from 'vitest';
import { TaskCreateSchema, type TaskCreate } from '@tasks/shared';
import { toQuery } from '../../db/client.ts';
import { buildFromTemplate } from '../../db/statement-templates.ts';
import { createShape, type CreateParts } from './create-shape.ts';
import { createStatement } from './create-task.ts';
import { keyedCreateStatement } from './idempotent-create.ts';

const user = () => crypto.randomUUID();
const task = (fields: TaskCreate) => TaskCreateSchema.parse(fields);

/** The statement of `parts` as its shape's template fills it, and how often it was built. */
function templated<P extends string[]>(
  kind: string,
  parts: CreateParts<P>,
  build: (parts: CreateParts<P>) => Parameters<typeof toQuery>[0],
  builds: { n: number },
) {
  const shape = createShape(kind, parts);
  if (!shape) throw new Error('no shape');
  return buildFromTemplate(`${shape.key} ${kind}`, shape.values, (v) => {
    builds.n += 1;
    const query = toQuery(build(shape.rebuild(v)));
    return { text: query.sql, params: query.params, mapper: undefined };
  });
}

describe('creates built once per shape', () => {
  it('fill a keyed create with each request’s values: the statement built from them', () => {
    const builds = { n: 0 };
    const shapeKind = `keyed ${crypto.randomUUID()}`;
    for (const n of [1, 2, 3]) {
      const input = task({
        title: `Task ${n}`,
        description: `Notes ${n}`,
        priority: n === 2 ? 'Low' : 'High',
        tags: [`tag${n}`, 'work'],
        list_id: crypto.randomUUID(),
        assignee_id: crypto.randomUUID(),
      });
      const parts: CreateParts<[string, string, string, string]> = [
        [user(), `key ${n}`, `hash ${n}`, crypto.randomUUID()],
        input,
      ];
      const filled = templated(shapeKind, parts, keyedCreateStatement, builds);
      const direct = toQuery(keyedCreateStatement(parts));
      expect({ text: filled.text, params: filled.params }).toEqual({
        text: direct.sql,
        params: direct.params,
      });
    }
    expect(builds.n).toBe(2); // the two stand-in builds, none per request
  });

  it('fill a plain create into the Inbox the same way', () => {
    const builds = { n: 0 };
    const shapeKind = `plain ${crypto.randomUUID()}`;
    for (const title of ['One', 'Two']) {
      const parts: CreateParts<[string]> = [[user()], task({ title, tags: ['a'] })];
      const filled = templated(shapeKind, parts, createStatement, builds);
      const direct = toQuery(createStatement(parts));
      expect(filled.params).toEqual(direct.params);
      expect(filled.text).toBe(direct.sql);
    }
    expect(builds.n).toBe(2);
  });

  it('give each value that changes the text a shape of its own', () => {
    const id = user();
    const keyOf = (fields: TaskCreate) => createShape('plain', [[id], task(fields)])?.key;
    const keys = new Set([
      keyOf({ title: 'a' }),
      keyOf({ title: 'a', completed: true }),
      keyOf({ title: 'a', list_id: crypto.randomUUID() }),
      keyOf({ title: 'a', assignee_id: null }),
    ]);
    expect(keys.size).toBe(4);
    expect(keyOf({ title: 'b', priority: 'Low', tags: ['x'] })).toBe(keyOf({ title: 'a' }));
  });

  it('build a create with due fields, a zone, a recurrence or reminders every time', () => {
    const shapeOf = (fields: TaskCreate) => createShape('plain', [[user()], task(fields)]);
    expect(shapeOf({ title: 'a', due_date: '2026-12-24' })).toBeUndefined();
    expect(shapeOf({ title: 'a', due_at: '2026-12-24T10:00:00Z' })).toBeUndefined();
    expect(shapeOf({ title: 'a', time_zone: 'Europe/Berlin' })).toBeUndefined();
    expect(shapeOf({ title: 'a', reminders: [] })).toBeUndefined();
    expect(
      shapeOf({ title: 'a', due_date: '2026-12-24', recurrence: { rrule: 'FREQ=DAILY' } }),
    ).toBeUndefined();
  });
});
