import { describe, expect, it } from 'vitest';
import {
  InvitationCreateSchema,
  InvitationSchema,
  MemberUpdateSchema,
  OwnershipTransferSchema,
} from './members.ts';
import { TaskCreateSchema, TaskUpdateSchema } from './task.ts';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

describe('InvitationCreateSchema', () => {
  it('normalises the address and takes the role in any letter case', () => {
    expect(InvitationCreateSchema.parse({ email: '  Bob@Example.COM ', role: 'EDITOR' })).toEqual({
      email: 'bob@example.com',
      role: 'editor',
    });
  });

  it('invites as a viewer unless told otherwise', () => {
    expect(InvitationCreateSchema.parse({ email: 'bob@example.com' }).role).toBe('viewer');
  });

  it('never grants ownership and names the fields it refuses', () => {
    expect(paths(InvitationCreateSchema.safeParse({ email: 'x', role: 'owner' }))).toEqual([
      'email',
      'role',
    ]);
    expect(paths(InvitationCreateSchema.safeParse({ email: 'a@b.co', list_id: 'x' }))).toEqual([
      '',
    ]);
  });
});

describe('MemberUpdateSchema and OwnershipTransferSchema', () => {
  it('accepts editor and viewer in any case, never owner', () => {
    expect(MemberUpdateSchema.parse({ role: 'Viewer' })).toEqual({ role: 'viewer' });
    expect(paths(MemberUpdateSchema.safeParse({ role: 'owner' }))).toEqual(['role']);
    expect(paths(MemberUpdateSchema.safeParse({}))).toEqual(['role']);
  });

  it('lower-cases the new owner’s id and refuses a malformed one by name', () => {
    const id = 'AAAAAAAA-0000-4000-8000-000000000000';
    expect(OwnershipTransferSchema.parse({ user_id: id }).user_id).toBe(id.toLowerCase());
    expect(paths(OwnershipTransferSchema.safeParse({ user_id: 'me' }))).toEqual(['user_id']);
  });
});

describe('InvitationSchema', () => {
  it('shows the invitee the list name and who invited them', () => {
    const invitation = {
      id: crypto.randomUUID(),
      list_id: crypto.randomUUID(),
      list_name: 'Groceries',
      email: 'bob@example.com',
      role: 'editor',
      status: 'pending',
      invited_by: { user_id: crypto.randomUUID(), email: 'ann@example.com', name: 'Ann' },
      created_at: new Date().toISOString(),
    };
    expect(InvitationSchema.parse(invitation)).toEqual(invitation);
    expect(InvitationSchema.parse({ ...invitation, invited_by: null }).invited_by).toBeNull();
  });
});

describe('assignee_id on tasks', () => {
  it('is optional, nullable and lower-cased', () => {
    const id = 'AAAAAAAA-0000-4000-8000-000000000000';
    expect(TaskCreateSchema.parse({ title: 't', assignee_id: id }).assignee_id).toBe(
      id.toLowerCase(),
    );
    expect(TaskUpdateSchema.parse({ assignee_id: null })).toEqual({ assignee_id: null });
    expect(paths(TaskUpdateSchema.safeParse({ assignee_id: 'bob' }))).toEqual(['assignee_id']);
  });
});
