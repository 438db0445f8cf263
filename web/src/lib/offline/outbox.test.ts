// @vitest-environment node
// fake-indexeddb implements the IndexedDB spec in Node; the e2e runs on Chromium's own.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { aTask } from '$lib/store/task.test-helper';
import { clearAll, closeDb } from './idb';
import { dequeue, enqueue, pending, ReplayPlan, type OutboxWrite } from './outbox';
import { claim, lastUser, loadSnapshot, saveSnapshot } from './snapshot';

afterEach(async () => {
  await clearAll();
  await closeDb();
});

const create = (key: string) => ({ kind: 'create' as const, key, body: { title: key } });
const edit = (key: string, id: string, version: number) => ({
  kind: 'edit' as const,
  key,
  id,
  version,
  changes: { completed: true },
});

describe('the outbox', () => {
  it('keeps each user’s writes in the order they were made, across a reopen', async () => {
    await enqueue('u1', create('tmp-a'));
    await enqueue('u2', create('other'));
    const second = await enqueue('u1', edit('tmp-a', 'tmp-a', 1));
    await enqueue('u1', { kind: 'delete', key: 'b', id: 'b', version: 4 });
    await closeDb(); // a reload: the connection goes, the data stays
    await dequeue(second);
    const left = await pending('u1');
    expect(left.map((entry) => [entry.kind, entry.key])).toEqual([
      ['create', 'tmp-a'],
      ['delete', 'b'],
    ]);
    expect(left[0]!.seq).toBeLessThan(left[1]!.seq);
  });

  it('rewrites a created task’s later writes to its real id and each answer’s version', async () => {
    for (const write of [
      create('tmp-a'),
      edit('tmp-a', 'tmp-a', 1),
      edit('tmp-a', 'tmp-a', 1),
      edit('b', 'b', 7),
    ]) {
      await enqueue('u1', write);
    }
    const entries = await pending('u1');
    const plan = new ReplayPlan(entries);
    const [created, first, second, other] = entries;
    // Before the create's answer its edits have nothing to address.
    expect(plan.target(first!)).toBeUndefined();
    plan.answered(created!, aTask({ id: 'real-a', version: 1 }));
    expect(plan.target(first!)).toEqual({ id: 'real-a', version: 1 });
    plan.answered(first!, aTask({ id: 'real-a', version: 2 }));
    expect(plan.target(second!)).toEqual({ id: 'real-a', version: 2 });
    expect(plan.target(other!)).toEqual({ id: 'b', version: 7 });
    expect(plan.idOf('tmp-a')).toBe('real-a');
  });

  it('drops the writes of a task whose create was refused or that is gone', async () => {
    await enqueue('u1', create('tmp-a'));
    await enqueue('u1', edit('tmp-a', 'tmp-a', 1));
    await enqueue('u1', edit('c', 'c', 3));
    await enqueue('u1', edit('c', 'c', 3));
    const [created, orphan, first, second] = await pending('u1');
    const plan = new ReplayPlan([created!, orphan!, first!, second!]);
    plan.refused(created!);
    expect(plan.target(orphan!)).toBeUndefined();
    plan.answered(first!, undefined); // 404: deleted elsewhere
    expect(plan.target(second!)).toBeUndefined();
  });
});

describe('bulk actions in the outbox', () => {
  it('replay in order, to the real ids of tasks created offline, and move later versions on', async () => {
    await enqueue('u1', create('tmp-a'));
    await enqueue('u1', {
      kind: 'bulk',
      key: 'm',
      action: 'move',
      keys: ['tmp-a', 'b', 'c'],
      versions: [0, 4, 2],
      list_id: 'l2',
    });
    await enqueue('u1', edit('tmp-a', 'tmp-a', 1));
    await enqueue('u1', edit('b', 'b', 4));
    await enqueue('u1', edit('c', 'c', 2));
    await enqueue('u1', { kind: 'bulk', key: 'd', action: 'delete', keys: ['b'], versions: [4] });
    await enqueue('u1', edit('b', 'b', 4));
    const entries = await pending('u1');
    expect(entries.map((entry) => entry.key)).toEqual(['tmp-a', 'm', 'tmp-a', 'b', 'c', 'd', 'b']);
    const [created, move, editA, editB, editC, remove, late] = entries;
    if (move?.kind !== 'bulk' || remove?.kind !== 'bulk') throw new Error('bulk entries');
    const plan = new ReplayPlan(entries);
    // Before the create's answer the bulk move can only address the tasks that exist.
    expect(plan.bulkIds(move)).toEqual(['b', 'c']);
    plan.answered(created!, aTask({ id: 'real-a', version: 1 }));
    expect(plan.bulkIds(move)).toEqual(['real-a', 'b', 'c']);
    plan.answeredBulk(move, {
      updated: ['real-a', 'b', 'c'],
      not_found: [],
      tasks: [
        aTask({ id: 'real-a', version: 2 }),
        aTask({ id: 'b', version: 5 }),
        // Another device edited c meanwhile (3), then the move (4).
        aTask({ id: 'c', version: 4 }),
      ],
    });
    // The edits after it are sent with the versions the move produced, not a false 412...
    expect(plan.target(editA!)).toEqual({ id: 'real-a', version: 2 });
    expect(plan.target(editB!)).toEqual({ id: 'b', version: 5 });
    // ...but not past a change the move never saw (it has no If-Match): that one is a 412.
    expect(plan.target(editC!)).toEqual({ id: 'c', version: 2 });
    plan.answeredBulk(remove, { updated: ['b'], not_found: [], tasks: [] });
    expect(plan.target(late!)).toBeUndefined();
  });

  it('go to the ids journaled with them: a key of a task created on an earlier page', async () => {
    // Created and answered on the page that journaled the bulk: its key was temporary.
    await enqueue('u1', {
      ...{ kind: 'bulk', key: 'x', action: 'complete', keys: ['tmp-old', 'b'] },
      ...{ ids: ['real-old', 'b'], versions: [1, 4] },
    });
    const [bulk] = await pending('u1');
    if (bulk?.kind !== 'bulk') throw new Error('bulk entry');
    expect(new ReplayPlan([bulk]).bulkIds(bulk)).toEqual(['real-old', 'b']);
  });
});

describe('undo of a delete in the outbox', () => {
  it('a restore brings the task back for the writes after it, at the version it gave', async () => {
    await enqueue('u1', create('tmp-a'));
    await enqueue('u1', { kind: 'delete', key: 'tmp-a', id: 'tmp-a', version: 1 });
    await enqueue('u1', edit('tmp-a', 'tmp-a', 1));
    await enqueue('u1', { kind: 'restore', key: 'tmp-a', id: 'tmp-a', task: aTask() });
    await enqueue('u1', edit('tmp-a', 'tmp-a', 1));
    const entries = await pending('u1');
    const [created, remove, between, restore, after] = entries;
    const plan = new ReplayPlan(entries);
    // Before the create's answer there is nothing to restore either.
    expect(plan.target(restore!)).toBeUndefined();
    plan.answered(created!, aTask({ id: 'real-a', version: 1 }));
    expect(plan.target(remove!)).toEqual({ id: 'real-a', version: 1 });
    plan.answered(remove!, undefined);
    // Deleted: an edit made before the undo has nothing to edit; the restore has its task.
    expect(plan.target(between!)).toBeUndefined();
    expect(plan.target(restore!)).toEqual({ id: 'real-a', version: 0 });
    plan.answered(restore!, aTask({ id: 'real-a', version: 2 }));
    expect(plan.target(after!)).toEqual({ id: 'real-a', version: 2 });
  });

  it('a bulk restore after a bulk delete addresses the deleted tasks again', async () => {
    const bulk = (key: string, action: 'delete' | 'restore'): OutboxWrite => ({
      ...{ kind: 'bulk', key, action },
      ...{ keys: ['b', 'c'], ids: ['b', 'c'], versions: [4, 2] },
    });
    await enqueue('u1', bulk('d', 'delete'));
    await enqueue('u1', bulk('r', 'restore'));
    await enqueue('u1', edit('b', 'b', 4));
    const entries = await pending('u1');
    const [remove, restore, later] = entries;
    if (remove?.kind !== 'bulk' || restore?.kind !== 'bulk') throw new Error('bulk entries');
    const plan = new ReplayPlan(entries);
    plan.answeredBulk(remove, { updated: ['b', 'c'], not_found: [], tasks: [] });
    expect(plan.target(later!)).toBeUndefined();
    expect(plan.bulkIds(restore)).toEqual(['b', 'c']);
    plan.answeredBulk(restore, {
      updated: ['b', 'c'],
      not_found: [],
      tasks: [aTask({ id: 'b', version: 5 }), aTask({ id: 'c', version: 3 })],
    });
    expect(plan.target(later!)).toEqual({ id: 'b', version: 5 });
  });
});

describe('the last known state', () => {
  it('is kept per user and cleared when another user signs in', async () => {
    await claim('u1');
    const snapshot = { tasks: [aTask()], counts: { pending: 1 } as never, lists: [], next: '' };
    await saveSnapshot('u1', '/', snapshot);
    await enqueue('u1', create('tmp-a'));
    expect(await loadSnapshot('u1', '/')).toEqual(snapshot);
    expect(await loadSnapshot('u2', '/')).toBeUndefined();
    await claim('u2');
    expect(await lastUser()).toBe('u2');
    expect(await loadSnapshot('u1', '/')).toBeUndefined();
    expect(await pending('u1')).toEqual([]);
  });
});
