import { apiPaths, InvitationPageSchema, InvitationSchema, ListPageSchema } from '@tasks/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';
import { invite, newList, remove, share } from '../../../test/sharing.ts';
import { newUser, type TestUser } from '../../../test/users.ts';

// Every invitation route × owner / editor / viewer / removed / invited-not-accepted / stranger.

let owner: TestUser, editor: TestUser, viewer: TestUser;
let removed: TestUser, invited: TestUser, stranger: TestUser;

/** A list shared with every kind of caller; `pending` is `invited`'s open invitation. */
async function sharedList() {
  const list = await newList(owner, 'household');
  await share(owner, list.id, editor, 'editor');
  await share(owner, list.id, viewer, 'viewer');
  await share(owner, list.id, removed, 'viewer');
  await remove(owner, list.id, removed);
  return { id: list.id, pending: await invite(owner, list.id, invited, 'editor') };
}

beforeAll(async () => {
  [owner, editor, viewer, removed, invited, stranger] = await Promise.all([
    newUser('i-owner'),
    newUser('i-editor'),
    newUser('i-viewer'),
    newUser('i-removed'),
    newUser('i-invited'),
    newUser('i-stranger'),
  ]);
  // Six sign-ups (password hashing) take long on a busy machine.
}, 90_000);

const pendingOf = async (user: TestUser) => {
  const res = await user.call(apiPaths.invitations);
  expect(res.status).toBe(200);
  expect(dbRoundTrips(res)).toBe(1);
  return InvitationPageSchema.parse(await res.json()).data;
};

describe('POST /lists/{id}/invitations', () => {
  it('invites a normalised address with a role (any case), 201, one round trip', async () => {
    const { id } = await sharedList();
    const email = `New.Person.${crypto.randomUUID()}@Example.COM`;
    const res = await owner.call(
      apiPaths.listInvitations(id),
      json('POST', { email: ` ${email} `, role: 'Editor' }),
    );
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(dbRoundTrips(res)).toBe(1);
    const invitation = InvitationSchema.parse(JSON.parse(text));
    expect(invitation).toMatchObject({
      list_id: id,
      list_name: 'household',
      email: email.toLowerCase(),
      role: 'editor',
      status: 'pending',
      invited_by: { user_id: owner.id, email: owner.email },
    });
    expect(res.headers.get('Location')).toBe(apiPaths.listInvitation(id, invitation.id));
    // The same address again: the one pending invitation, with the new role.
    const again = await owner.call(
      apiPaths.listInvitations(id),
      json('POST', { email, role: 'viewer' }),
    );
    expect(again.status).toBe(200);
    expect(InvitationSchema.parse(await again.json())).toMatchObject({
      id: invitation.id,
      role: 'viewer',
    });
  });

  it('refuses the Inbox, members, non-owners and outsiders, naming the field', async () => {
    const { id } = await sharedList();
    const inbox = ListPageSchema.parse(await (await owner.call(apiPaths.lists)).json()).data.find(
      (l) => l.is_inbox,
    )!;
    const body = json('POST', { email: stranger.email, role: 'viewer' });
    const refused = await owner.call(apiPaths.listInvitations(inbox.id), body);
    expect(dbRoundTrips(refused)).toBe(1);
    await expectProblem(refused, 409, { errors: [expect.objectContaining({ path: 'id' })] });
    for (const member of [owner, editor, viewer]) {
      await expectProblem(
        await owner.call(
          apiPaths.listInvitations(id),
          json('POST', { email: member.email.toUpperCase() }),
        ),
        409,
        { errors: [expect.objectContaining({ path: 'email' })] },
      );
    }
    for (const caller of [editor, viewer]) {
      await expectProblem(await caller.call(apiPaths.listInvitations(id), body), 403);
    }
    for (const caller of [removed, invited, stranger]) {
      await expectProblem(await caller.call(apiPaths.listInvitations(id), body), 404);
    }
    for (const [bad, path] of [
      [{ email: 'not-an-address' }, 'email'],
      [{ email: stranger.email, role: 'owner' }, 'role'],
    ] as const) {
      await expectProblem(await owner.call(apiPaths.listInvitations(id), json('POST', bad)), 400, {
        errors: [expect.objectContaining({ path })],
      });
    }
  });
});

describe('GET /lists/{id}/invitations', () => {
  it('shows the owner the pending ones; others get 403 or 404', async () => {
    const { id, pending } = await sharedList();
    const res = await owner.call(apiPaths.listInvitations(id));
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    const { data } = InvitationPageSchema.parse(await res.json());
    expect(data.map((i) => [i.id, i.email, i.status])).toEqual([
      [pending, invited.email, 'pending'],
    ]);
    for (const caller of [editor, viewer]) {
      await expectProblem(await caller.call(apiPaths.listInvitations(id)), 403);
    }
    for (const caller of [removed, invited, stranger]) {
      await expectProblem(await caller.call(apiPaths.listInvitations(id)), 404);
    }
  });
});

describe('the addressee’s invitations', () => {
  it('lists, accepts (joining with the role) and declines, only for the addressee', async () => {
    const { id, pending } = await sharedList();
    const mine = await pendingOf(invited);
    expect(mine.find((i) => i.id === pending)).toMatchObject({
      list_name: 'household',
      role: 'editor',
    });
    for (const caller of [owner, editor, viewer, removed, stranger]) {
      expect((await pendingOf(caller)).map((i) => i.id)).not.toContain(pending);
      for (const answer of [apiPaths.invitationAccept, apiPaths.invitationDecline]) {
        await expectProblem(await caller.call(answer(pending), { method: 'POST' }), 404, {
          errors: [expect.objectContaining({ path: 'id' })],
        });
      }
    }
    await expectProblem(await invited.call(apiPaths.list(id)), 404);
    const res = await invited.call(apiPaths.invitationAccept(pending), { method: 'POST' });
    expect(res.status).toBe(200);
    expect(dbRoundTrips(res)).toBe(1);
    expect(InvitationSchema.parse(await res.json())).toMatchObject({
      id: pending,
      status: 'accepted',
    });
    const list = await invited.call(apiPaths.list(id));
    expect(await list.json()).toMatchObject({ role: 'editor', member_count: 4 });
    expect((await pendingOf(invited)).map((i) => i.id)).not.toContain(pending);
    for (const answer of [apiPaths.invitationAccept, apiPaths.invitationDecline]) {
      await expectProblem(await invited.call(answer(pending), { method: 'POST' }), 409);
    }
    await expectProblem(
      await invited.call(apiPaths.invitationAccept('nope'), { method: 'POST' }),
      404,
    );
  });

  it('declines without joining', async () => {
    const { id, pending } = await sharedList();
    const res = await invited.call(apiPaths.invitationDecline(pending), { method: 'POST' });
    expect(dbRoundTrips(res)).toBe(1);
    expect(InvitationSchema.parse(await res.json()).status).toBe('declined');
    await expectProblem(await invited.call(apiPaths.list(id)), 404);
    await expectProblem(
      await invited.call(apiPaths.invitationAccept(pending), { method: 'POST' }),
      409,
    );
  });
});

describe('DELETE /lists/{id}/invitations/{invitation_id}', () => {
  it('lets the owner revoke a pending one, once; nobody else', async () => {
    const { id, pending } = await sharedList();
    for (const caller of [editor, viewer]) {
      await expectProblem(
        await caller.call(apiPaths.listInvitation(id, pending), { method: 'DELETE' }),
        403,
      );
    }
    for (const caller of [removed, invited, stranger]) {
      await expectProblem(
        await caller.call(apiPaths.listInvitation(id, pending), { method: 'DELETE' }),
        404,
      );
    }
    const res = await owner.call(apiPaths.listInvitation(id, pending), { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(dbRoundTrips(res)).toBe(1);
    await expectProblem(
      await invited.call(apiPaths.invitationAccept(pending), { method: 'POST' }),
      409,
    );
    await expectProblem(
      await owner.call(apiPaths.listInvitation(id, pending), { method: 'DELETE' }),
      409,
      {
        errors: [expect.objectContaining({ path: 'invitation_id' })],
      },
    );
    await expectProblem(
      await owner.call(apiPaths.listInvitation(id, crypto.randomUUID()), { method: 'DELETE' }),
      404,
      { errors: [expect.objectContaining({ path: 'invitation_id' })] },
    );
    await invite(owner, id, invited, 'viewer');
  });
});
