import type { Member } from '@tasks/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acceptToken } from '$lib/api/session';
import { ListStore } from './lists.svelte';

const WORK = '00000000-0000-4000-8000-000000000002';
const SAM = '00000000-0000-4000-8000-000000000003';
const sam = (role: Member['role']): Member => ({ user_id: SAM, email: 's@x.io', name: '', role });

/** The API's members route (the worker does not run here): answers held until released. */
function membersAnswering(...answers: Member[][]) {
  const releases: (() => void)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      const data = answers.shift()!;
      await new Promise<void>((resolve) => releases.push(resolve));
      return Response.json({ data, next_cursor: null });
    }),
  );
  return releases;
}

afterEach(() => vi.unstubAllGlobals());

describe('a members read that crosses a change of the membership', () => {
  it('is dropped and read again when the feed changed a role meanwhile', async () => {
    acceptToken({ access_token: 'a.e30.b', token_type: 'bearer', expires_in: 3600 });
    const lists = new ListStore();
    lists.setMembers(WORK, [sam('editor')]);
    const releases = membersAnswering([sam('editor')], [sam('viewer')]);
    const read = lists.loadMembers(WORK, true);
    lists.applyChanges([
      {
        entity: 'membership',
        id: `${WORK}:${SAM}`,
        op: 'upsert',
        data: { ...sam('viewer'), list_id: WORK },
      },
    ]);
    expect(lists.members.get(WORK)?.[0]?.role).toBe('viewer');
    await vi.waitFor(() => expect(releases).toHaveLength(1));
    releases[0]!();
    await read;
    // The stale answer (editor) is not shown; the second read, after the change, is.
    expect(lists.members.get(WORK)?.[0]?.role).toBe('viewer');
    await vi.waitFor(() => expect(releases).toHaveLength(2));
    releases[1]!();
    await vi.waitFor(() => expect(vi.mocked(fetch)).toHaveBeenCalledTimes(2));
    expect(lists.members.get(WORK)?.[0]?.role).toBe('viewer');
  });
});
