import {
  apiPaths,
  ChangePageSchema,
  compareChangeCursors,
  decodeChangeCursor,
} from '@tasks/shared';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, json } from '../../test/api.ts';
import { expectProblem } from '../../test/problem.ts';
import { connect, poke, ticketFor, upgrade } from '../../test/live-sockets.ts';
import { TEST_BINDINGS } from '../../test/test-env.ts';
import { postTask } from '../../test/tasks.ts';
import { invite, newList, remove, share } from '../../test/sharing.ts';
import { newUser, type TestUser } from '../../test/users.ts';
import { issueTicket } from './ticket.ts';

const live = () => env.LIVE;

let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  alice = await newUser('live-alice');
  bob = await newUser('live-bob');
});

describe('live sockets', () => {
  it('pokes a socket after its user writes, with a cursor past the write', async () => {
    const { nth, socket } = await connect(alice);
    const feed = async (cursor = '') =>
      ChangePageSchema.parse(
        await (await alice.call(`${apiPaths.changes}?cursor=${cursor}`)).json(),
      );
    const before = (await alice.call(apiPaths.changes).then((r) => r.json())) as { cursor: string };
    const task = await postTask(alice, { title: 'poke me' });
    const message = poke(await nth(1));
    expect(message.type).toBe('changed');
    // Pulling from before the write reaches the poke's cursor and finds the task.
    const pulled = await feed(before.cursor);
    expect(pulled.changes.map((c) => c.id)).toContain(task.id);
    const reached = compareChangeCursors(
      decodeChangeCursor(pulled.cursor)!,
      decodeChangeCursor(message.cursor)!,
    );
    expect(reached).toBeGreaterThanOrEqual(0);
    socket.close(1000, 'done');
  });

  it('answers a write with the cursor its poke carries, so the writer can skip that pull', async () => {
    const { nth, socket } = await connect(alice);
    const created = await alice.call(apiPaths.tasks, json('POST', { title: 'own write' }));
    const cursor = created.headers.get('x-change-cursor');
    expect(cursor).toBe(poke(await nth(1)).cursor);
    const list = await newList(alice, 'renamed live');
    const renamed = await alice.call(apiPaths.list(list.id), json('PATCH', { name: 'renamed' }));
    const again = renamed.headers.get('x-change-cursor');
    expect(compareChangeCursors(decodeChangeCursor(again!)!, decodeChangeCursor(cursor!)!)).toBe(1);
    // A read produced nothing to follow; nor did a write that changed nothing (412).
    expect((await alice.call(apiPaths.tasks)).headers.get('x-change-cursor')).toBeNull();
    const task = (await created.json()) as { id: string };
    const stale = await alice.call(
      apiPaths.task(task.id),
      json('PATCH', { title: 'late' }, { 'if-match': '"99"' }),
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('x-change-cursor')).toBeNull();
    socket.close(1000, 'done');
  });

  it('pokes every member of the list, and nobody else', async () => {
    const list = await newList(alice, 'live shared');
    const carol = await newUser('live-carol');
    await share(alice, list.id, carol, 'editor');
    const carols = await connect(carol);
    const bobs = await connect(bob);
    await postTask(alice, { title: 'for the team', list_id: list.id });
    expect(poke(await carols.nth(1)).type).toBe('changed');
    // Bob's object has had no poke: a write of his own is his first message.
    await postTask(bob, { title: 'mine' }, { 'Idempotency-Key': crypto.randomUUID() });
    expect(poke(await bobs.nth(1)).type).toBe('changed');
    expect(bobs.received).toHaveLength(1);
  });

  it('pokes an invitee on invitation and a member on removal (they lose access)', async () => {
    const list = await newList(alice, 'live invites');
    const erin = await newUser('live-erin');
    const erins = await connect(erin);
    const id = await invite(alice, list.id, erin, 'viewer');
    expect(poke(await erins.nth(1)).type).toBe('changed');
    expect((await erin.call(apiPaths.invitationAccept(id), { method: 'POST' })).status).toBe(200);
    expect(poke(await erins.nth(2)).type).toBe('changed');
    await remove(alice, list.id, erin);
    expect(poke(await erins.nth(3)).type).toBe('changed');
  });

  it('refuses a reused ticket, an expired one, a forged one and a plain GET', async () => {
    const ticket = await ticketFor(alice);
    expect((await upgrade(ticket)).status).toBe(101);
    await expectProblem(await upgrade(ticket), 401, {
      errors: [expect.objectContaining({ path: 'ticket' })],
    });
    const expired = await issueTicket(
      TEST_BINDINGS.BETTER_AUTH_SECRET,
      alice.id,
      Date.now() - 60_000,
    );
    await expectProblem(await upgrade(expired), 401);
    // Another user's id under Alice's signature: the signature no longer matches.
    const forged = (await ticketFor(alice)).replace(alice.id, bob.id);
    await expectProblem(await upgrade(forged), 401);
    const otherSecret = await issueTicket('another-secret-another-secret-0123456789', bob.id);
    await expectProblem(await upgrade(otherSecret), 401);
    await expectProblem(await api(`${apiPaths.live}?ticket=${await ticketFor(alice)}`), 426);
    await expectProblem(await api(apiPaths.liveTicket, { method: 'POST' }), 401);
  });

  it('opens a ticket only into its own user’s object', async () => {
    const bobs = await connect(bob);
    const stub = live().get(live().idFromName(bob.id));
    expect(await stub.openSockets()).toBeGreaterThanOrEqual(1);
    await postTask(alice, { title: 'not for bob' });
    await postTask(bob, { title: 'for bob' });
    expect(poke(await bobs.nth(1)).type).toBe('changed');
    expect(bobs.received).toHaveLength(1);
  });

  it('keeps hibernatable sockets: heartbeats answered by the runtime, closes forgotten', async () => {
    const dana = await newUser('live-dana');
    const { socket, nth } = await connect(dana);
    const stub = live().get(live().idFromName(dana.id));
    expect(await stub.openSockets()).toBe(1);
    socket.send('ping');
    expect(await nth(1)).toBe('pong');
    // A poke straight to the object reaches the socket it accepted for hibernation.
    expect(await stub.poke('c1.1.0.1')).toBe(1);
    expect(poke(await nth(2))).toEqual({ type: 'changed', cursor: 'c1.1.0.1' });
    const closed = new Promise((resolve) => socket.addEventListener('close', resolve));
    socket.close(1000, 'bye');
    await closed;
    // The runtime drops a socket once both sides have closed it.
    for (let i = 0; i < 50 && (await stub.openSockets()) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(await stub.openSockets()).toBe(0);
    await dana.call(apiPaths.tasks, json('POST', { title: 'nobody listening' }));
  });
});
