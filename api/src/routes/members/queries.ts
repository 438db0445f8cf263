import { sql } from 'drizzle-orm';
import type { Member, ShareRole } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';

// Membership writes. Each is one statement: CTEs read the caller's and the target's roles from
// `list_members` (never from the token or the client) and the write happens only if they allow
// it; the outer query returns both roles, which tell the route's answer apart (decision 0015).

/** Why a membership write did not happen, or `ok`. */
export type MemberOutcome<T> =
  | { status: 'ok'; value: T; audience?: Audience }
  | { status: 'not_found' | 'forbidden' | 'member_not_found' | 'owner' | 'self' };

/** A member as the API shows them, from `list_members o` joined to `users u`. */
const memberJson = (role = sql`o.role`) =>
  sql`jsonb_build_object('user_id', u.id, 'email', u.email, 'name', u.name, 'role', ${role})`;

/** Roles as the outer query of every write below returns them. */
type Roles = AudienceColumns & { my_role: string | null; target_role: string | null };

/** The answer when the roles forbid the write (`selfAllowed`: a member may act on themself). */
function refused(roles: Roles | undefined, self: boolean, selfAllowed = false) {
  if (!roles?.my_role) return { status: 'not_found' as const };
  if (roles.my_role !== 'owner' && !(selfAllowed && self)) return { status: 'forbidden' as const };
  if (!roles.target_role) return { status: 'member_not_found' as const };
  if (roles.target_role === 'owner') return { status: 'owner' as const };
  return undefined;
}

const rolesOf = (listId: string, callerId: string, userId: string) => sql`
  me as (select role from list_members where list_id = ${listId} and user_id = ${callerId}),
  target as (select role from list_members where list_id = ${listId} and user_id = ${userId})`;

/** The roles, and who hears of the write (every member of the list before it: live/poke.ts). */
const writeColumns = (listId: string) => sql`(select role from me) as my_role,
  (select role from target) as target_role, ${audienceOfLists(sql`select ${listId}::uuid`)}`;

/** The list's members, owner first, if the caller is one of them (else undefined). */
export async function listMembers(db: Database, callerId: string, listId: string) {
  const result = await db.execute<{ members: Member[] }>(sql`
    select coalesce((
      select jsonb_agg(${memberJson()} order by o.role, lower(u.name), u.email)
      from list_members o join users u on u.id = o.user_id where o.list_id = ${listId}
    ), '[]'::jsonb) as members
    from list_members m where m.list_id = ${listId} and m.user_id = ${callerId}`);
  return result.rows[0]?.members;
}

/** Sets a member's role (owner only; never the owner's own role, which moves by transfer). */
export async function changeMemberRole(
  db: Database,
  callerId: string,
  listId: string,
  userId: string,
  role: ShareRole,
): Promise<MemberOutcome<Member>> {
  const result = await db.execute<Roles & { member: Member | null }>(sql`
    with ${rolesOf(listId, callerId, userId)}, changed as (
      update list_members o set role = ${role}::list_role
      where o.list_id = ${listId} and o.user_id = ${userId} and o.role <> 'owner'
        and (select role from me) = 'owner'
      returning o.user_id, o.role
    )
    select ${writeColumns(listId)},
      (select ${memberJson()} from changed o join users u on u.id = o.user_id) as member`);
  const [row] = result.rows;
  const denied = refused(row, callerId === userId);
  if (denied) return denied;
  return row?.member
    ? { status: 'ok', value: row.member, audience: audienceFrom(row) }
    : { status: 'member_not_found' };
}

/**
 * Removes a member (the owner removes anyone else; any member removes themself: leaving) and
 * unassigns their tasks in that list, in the same statement; the owner never leaves this way.
 * Their access ends with this statement: every task and list query checks `list_members`.
 */
export async function removeMember(
  db: Database,
  callerId: string,
  listId: string,
  userId: string,
): Promise<MemberOutcome<null>> {
  const result = await db.execute<Roles & { removed: boolean }>(sql`
    with ${rolesOf(listId, callerId, userId)}, gone as (
      delete from list_members o
      where o.list_id = ${listId} and o.user_id = ${userId} and o.role <> 'owner'
        and ((select role from me) = 'owner' or ${userId}::uuid = ${callerId}::uuid)
      returning o.user_id
    ), unassigned as (
      update tasks set assignee_id = null, version = version + 1, updated_at = now()
      where list_id = ${listId} and assignee_id = ${userId} and exists (select from gone)
      returning id
    )
    select ${writeColumns(listId)}, exists (select from gone) as removed`);
  const [row] = result.rows;
  const denied = refused(row, callerId === userId, true);
  if (denied) return denied;
  return row?.removed
    ? { status: 'ok', value: null, audience: audienceFrom(row) }
    : { status: 'member_not_found' };
}

/**
 * Makes the member `userId` the owner and the caller (the owner) an editor: one UPDATE of both
 * rows. `list_members_one_owner` is deferred to the end of the statement's transaction, so the
 * order in which the UPDATE visits the two rows does not matter. The caller's owner row is
 * locked first (`FOR UPDATE`, re-checked after a wait): of two concurrent transfers the second
 * waits for the first, then finds the caller no longer owner and changes nothing (403), instead
 * of both writing an owner and one dying at commit. Answers the members after it.
 */
export async function transferOwnership(
  db: Database,
  callerId: string,
  listId: string,
  userId: string,
): Promise<MemberOutcome<Member[]>> {
  if (callerId === userId) return self(db, callerId, listId);
  const result = await db.execute<Roles & { owns: boolean; members: Member[] | null }>(sql`
    with ${rolesOf(listId, callerId, userId)}, owner as (
      select from list_members
      where list_id = ${listId} and user_id = ${callerId} and role = 'owner' for update
    ), swapped as (
      update list_members o
      set role = case when o.user_id = ${userId}::uuid then 'owner' else 'editor' end::list_role
      where o.list_id = ${listId} and o.user_id in (${callerId}::uuid, ${userId}::uuid)
        and exists (select from owner) and exists (select from target)
      returning o.user_id, o.role
    )
    select ${writeColumns(listId)}, exists (select from owner) as owns, (
      select jsonb_agg(${memberJson(sql`coalesce(s.role, o.role)`)}
        order by coalesce(s.role, o.role), lower(u.name), u.email)
      from list_members o join users u on u.id = o.user_id
      left join swapped s on s.user_id = o.user_id
      where o.list_id = ${listId} and exists (select from swapped)
    ) as members`);
  const [row] = result.rows;
  const denied = refused(row, false) ?? (row?.owns ? undefined : { status: 'forbidden' as const });
  if (denied) return denied;
  return row?.members
    ? { status: 'ok', value: row.members, audience: audienceFrom(row) }
    : { status: 'member_not_found' };
}

/** A transfer to oneself changes nothing: 404 for a stranger, 403 below owner, else `self`. */
async function self(db: Database, callerId: string, listId: string): Promise<MemberOutcome<never>> {
  const result = await db.execute<{ role: string }>(sql`
    select role from list_members where list_id = ${listId} and user_id = ${callerId}`);
  const role = result.rows[0]?.role;
  if (!role) return { status: 'not_found' };
  return { status: role === 'owner' ? 'self' : 'forbidden' };
}
