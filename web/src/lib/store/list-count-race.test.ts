import type { ChangePage, List } from '@tasks/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptToken } from '$lib/api/session';
import { FeedCursor } from '$lib/live/feed';
import { rememberOwnWrite, trackWrite } from '$lib/live/own-writes';
import { ListStore } from './lists.svelte';
import { aList, aTask } from './task.test-helper';

const WORK = '00000000-0000-4000-8000-000000000002';

const work = (pending_count: number) =>
  aList({ id: WORK, name: 'Work', position: 1, pending_count });

const page = (cursor: string, lists: List[] = []): ChangePage => ({
  changes: lists.map((data) => ({ entity: 'list', id: data.id, op: 'upsert', data })),
  cursor,
  has_more: false,
});

/** The API's feed (the worker does not run here): its pages in turn, then the last one again. */
function feedAnswering(...pages: ChangePage[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (path: string) => {
      asked.push(path);
      return Response.json(pages.length > 1 ? pages.shift()! : pages[0]!);
    }),
  );
  return asked;
}

function following(): { lists: ListStore; feed: FeedCursor } {
  acceptToken({ access_token: 'a.e30.b', token_type: 'bearer', expires_in: 3600 });
  const lists = new ListStore();
  lists.lists = [work(1)];
  const feed = new FeedCursor(
    (changes) => lists.applyChanges(changes),
    () => {},
  );
  return { lists, feed };
}

afterEach(() => vi.unstubAllGlobals());

describe('a list row the feed read before this tab’s write committed', () => {
  it('does not leave the pending count off by one: the feed is pulled past the write', async () => {
    const { lists, feed } = following();
    const asked = feedAnswering(
      page('c1.100.0.1700000000'),
      // Read before the task write (position 105) committed, answered after its answer.
      page('c1.103.0.1700000000', [work(1)]),
      // The write's own list row, as the feed has it once past the write.
      page('c1.106.0.1700000000', [work(2)]),
    );
    await feed.pull();
    // The tab adds a task to Work: its answer moves the count and names its feed position.
    rememberOwnWrite(new Headers({ 'x-change-cursor': 'c1.105.0.1700000000' }));
    lists.recount(undefined, aTask({ list_id: WORK }));
    expect(lists.find(WORK)?.pending_count).toBe(2);

    await feed.pull();
    // The stale row put the count back to 1; the feed goes on to the write's own row, unasked.
    await vi.waitFor(() => expect(feed.reached('c1.105.0.1700000000')).toBe(true));
    expect(asked).toHaveLength(3);
    expect(lists.find(WORK)?.pending_count).toBe(2);
  });

  it('nor when it arrives while the write is on its way, after its count was moved', async () => {
    const { lists, feed } = following();
    const asked = feedAnswering(
      page('c1.200.0.1700000000'),
      page('c1.203.0.1700000000', [work(1)]),
      page('c1.206.0.1700000000', [work(2)]),
    );
    await feed.pull();
    const task = aTask({ list_id: WORK });
    lists.recount(undefined, task);
    let answer = () => {};
    const write = trackWrite(() => new Promise<void>((resolve) => (answer = resolve)));
    await feed.pull();
    expect(lists.find(WORK)?.pending_count).toBe(1);
    // The answer moves the count by what the server's differs from the shown task: nothing.
    rememberOwnWrite(new Headers({ 'x-change-cursor': 'c1.205.0.1700000000' }));
    answer();
    await write;
    lists.recount(task, task);
    await vi.waitFor(() => expect(feed.reached('c1.205.0.1700000000')).toBe(true));
    expect(asked).toHaveLength(3);
    expect(lists.find(WORK)?.pending_count).toBe(2);
  });
});

describe('a list write answered with a count that predates a task write on its way', () => {
  it('keeps the count the page moved: a rename moves none', async () => {
    const { lists } = following();
    // The tab reopens a task of Work (count 1 → 2 at once); its write waits behind another
    // one, so the server renames the list first and answers it with the count it had then.
    lists.recount(aTask({ list_id: WORK, completed: true }), aTask({ list_id: WORK }));
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (path: string) => {
        asked.push(path);
        return Response.json({ ...work(1), name: 'Office' });
      }),
    );
    const saved = await lists.update(WORK, { name: 'Office' });
    expect(asked).toEqual([expect.stringContaining(WORK)]);
    expect(saved.name).toBe('Office');
    expect(lists.find(WORK)).toMatchObject({ name: 'Office', pending_count: 2 });
  });
});
