import { apiPaths, InvitationSchema } from '@tasks/shared';
import { expect } from 'vitest';
import { json } from './api.ts';
import {
  expectStatus,
  expectedMembers,
  expectedPending,
  roleOf,
  shownMembers,
  shownPending,
  type Model,
} from './authz-model.ts';
import type { StepRunner } from './authz-step.ts';

// The list, membership and invitation operations of the authorization property.

const call = (model: Model, index: number) => model.users[index]!.call;
/** 404 for a non-member, 403 below owner, else `ok`. */
const ownerStatus = (role: string | undefined, ok: number) =>
  role === undefined ? 404 : role === 'owner' ? ok : 403;

export const memberSteps: Record<string, StepRunner> = {
  async renameList(model, s, label) {
    const list = model.lists[s.list]!;
    const status = ownerStatus(roleOf(model, s.list, s.caller), 200);
    const name = `n${s.pick}`;
    await expectStatus(
      await call(model, s.caller)(apiPaths.list(list.id), json('PATCH', { name })),
      status,
      label,
    );
    if (status === 200) list.name = name;
  },

  async deleteList(model, s, label) {
    const list = model.lists[s.list]!;
    let status = ownerStatus(roleOf(model, s.list, s.caller), 204);
    if (status === 204 && list.inbox) status = 409;
    await expectStatus(
      await call(model, s.caller)(apiPaths.list(list.id), { method: 'DELETE' }),
      status,
      label,
    );
    if (status !== 204) return;
    Object.assign(list, { deleted: true, members: new Map(), tasks: new Map() });
    model.invitations = model.invitations.filter((i) => i.list !== s.list);
  },

  async listMembers(model, s, label) {
    const member = roleOf(model, s.list, s.caller) !== undefined;
    const res = await call(model, s.caller)(apiPaths.listMembers(model.lists[s.list]!.id));
    const body = await expectStatus(res, member ? 200 : 404, label);
    if (member) expect(shownMembers(body), label).toEqual(expectedMembers(model, s.list));
  },

  async changeRole(model, s, label) {
    const list = model.lists[s.list]!;
    let status = ownerStatus(roleOf(model, s.list, s.caller), 200);
    const target = list.members.get(s.target);
    if (status === 200) status = target === undefined ? 404 : target === 'owner' ? 409 : 200;
    const path = apiPaths.listMember(list.id, model.users[s.target]!.id);
    await expectStatus(
      await call(model, s.caller)(path, json('PATCH', { role: s.role })),
      status,
      label,
    );
    if (status === 200) list.members.set(s.target, s.role);
  },

  async removeMember(model, s, label) {
    const list = model.lists[s.list]!;
    const role = roleOf(model, s.list, s.caller);
    let status = ownerStatus(role, 204);
    if (status === 403 && s.target === s.caller) status = 204;
    const target = list.members.get(s.target);
    if (status === 204) status = target === undefined ? 404 : target === 'owner' ? 409 : 204;
    const path = apiPaths.listMember(list.id, model.users[s.target]!.id);
    await expectStatus(await call(model, s.caller)(path, { method: 'DELETE' }), status, label);
    if (status !== 204) return;
    list.members.delete(s.target);
    for (const task of list.tasks.values()) if (task.assignee === s.target) task.assignee = null;
  },

  async transfer(model, s, label) {
    const list = model.lists[s.list]!;
    let status = ownerStatus(roleOf(model, s.list, s.caller), 200);
    if (status === 200)
      status = s.target === s.caller ? 409 : list.members.has(s.target) ? 200 : 404;
    const body = json('POST', { user_id: model.users[s.target]!.id });
    const res = await call(model, s.caller)(apiPaths.listTransfer(list.id), body);
    await expectStatus(res, status, label);
    if (status !== 200) return;
    list.members.set(s.caller, 'editor');
    list.members.set(s.target, 'owner');
  },

  async invite(model, s, label) {
    const list = model.lists[s.list]!;
    let status = ownerStatus(roleOf(model, s.list, s.caller), 201);
    const pending = model.invitations.find(
      (i) => i.list === s.list && i.user === s.target && i.status === 'pending',
    );
    if (status === 201)
      status = list.inbox || list.members.has(s.target) ? 409 : pending ? 200 : 201;
    const body = json('POST', { email: model.users[s.target]!.email, role: s.role });
    const res = await call(model, s.caller)(apiPaths.listInvitations(list.id), body);
    const answer = await expectStatus(res, status, label);
    if (status === 200) pending!.role = s.role;
    if (status !== 201) return;
    const { id } = InvitationSchema.parse(answer);
    model.invitations.push({ id, list: s.list, user: s.target, role: s.role, status: 'pending' });
  },

  async listInvitations(model, s, label) {
    const status = ownerStatus(roleOf(model, s.list, s.caller), 200);
    const res = await call(model, s.caller)(apiPaths.listInvitations(model.lists[s.list]!.id));
    const body = await expectStatus(res, status, label);
    if (status === 200) {
      expect(shownPending(body), label).toEqual(expectedPending(model, (i) => i.list === s.list));
    }
  },

  async myInvitations(model, s, label) {
    const body = await expectStatus(await call(model, s.caller)(apiPaths.invitations), 200, label);
    const ours = new Set(model.lists.map((list) => list.id));
    const page = body as { data: { list_id: string }[] };
    const shown = shownPending({ data: page.data.filter((i) => ours.has(i.list_id)) });
    expect(shown, label).toEqual(expectedPending(model, (i) => i.user === s.caller));
  },

  async answer(model, s, label) {
    const invitation = model.invitations[s.pick % (model.invitations.length || 1)];
    const mine = invitation?.user === s.caller;
    const status = !mine ? 404 : invitation.status === 'pending' ? 200 : 409;
    const id = invitation?.id ?? crypto.randomUUID();
    const path = s.flag ? apiPaths.invitationAccept(id) : apiPaths.invitationDecline(id);
    await expectStatus(await call(model, s.caller)(path, { method: 'POST' }), status, label);
    if (status !== 200) return;
    invitation!.status = s.flag ? 'accepted' : 'declined';
    if (s.flag) model.lists[invitation!.list]!.members.set(s.caller, invitation!.role);
  },

  async revoke(model, s, label) {
    const ofList = model.invitations.filter((i) => i.list === s.list);
    const invitation = ofList[s.pick % (ofList.length || 1)];
    let status = ownerStatus(roleOf(model, s.list, s.caller), 204);
    if (status === 204) status = !invitation ? 404 : invitation.status === 'pending' ? 204 : 409;
    const path = apiPaths.listInvitation(
      model.lists[s.list]!.id,
      invitation?.id ?? crypto.randomUUID(),
    );
    await expectStatus(await call(model, s.caller)(path, { method: 'DELETE' }), status, label);
    if (status === 204) invitation!.status = 'revoked';
  },
};
