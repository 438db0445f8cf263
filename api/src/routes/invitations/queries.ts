import { sql, type SQL } from 'drizzle-orm';
import type { Invitation, ShareRole } from '@tasks/shared';
import type { Database } from '../../db/client.ts';
import { audienceFrom, audienceOfLists, type AudienceColumns } from '../../live/audience-sql.ts';
import type { Audience } from '../../live/poke.ts';

// Invitations: each query is one statement that reads the caller's role (for the owner's routes)
// or the caller's own e-mail address (for the addressee's) from the database (decision 0015).

/** An invitation as one row; `created_at` as Postgres writes it in JSON. */
type InvitationRow = Invitation;

export const toInvitation = (row: InvitationRow): Invitation => ({
  ...row,
  created_at: new Date(row.created_at).toISOString(),
});

/** The API's invitation from `list_invitations i`, its list `l` and inviter `v` (left joined). */
export const invitationJson = sql`jsonb_build_object('id', i.id, 'list_id', i.list_id,
  'list_name', l.name, 'email', i.email, 'role', i.role, 'status', i.status,
  'invited_by', case when v.id is null then null
    else jsonb_build_object('user_id', v.id, 'email', v.email, 'name', v.name) end,
  'created_at', i.created_at)`;

export const invitationJoins = sql`join lists l on l.id = i.list_id left join users v on v.id = i.invited_by`;
const joined = invitationJoins;

/**
 * Who hears of an invitation's change (live/poke.ts): the list's members (the owner among them;
 * on acceptance the new member's devices and the others) and the account with the address.
 */
const invitationAudience = (listId: SQL, email: SQL) =>
  audienceOfLists(sql`select ${listId}`, sql`select id from users where email = ${email}`);

/** The caller's address, read from their account: the key of "addressed to me". */
const myEmail = (callerId: string) => sql`(select email from users where id = ${callerId})`;

export type InvitationOutcome<T> =
  | { status: 'ok'; value: T; created?: boolean; audience?: Audience }
  | {
      status: 'not_found' | 'forbidden' | 'inbox' | 'member' | 'invitation_not_found' | 'answered';
    };

type Guard = { my_role: string | null; is_inbox: boolean | null };

function ownerRefused(guard: Guard | undefined, inboxRefused = false) {
  if (!guard?.my_role) return { status: 'not_found' as const };
  if (guard.my_role !== 'owner') return { status: 'forbidden' as const };
  if (inboxRefused && guard.is_inbox) return { status: 'inbox' as const };
  return undefined;
}

const guardOf = (callerId: string, listId: string) => sql`me as (
  select m.role, l.inbox_of is not null as is_inbox from list_members m
  join lists l on l.id = m.list_id where m.list_id = ${listId} and m.user_id = ${callerId})`;
const guardColumns = sql`(select role from me) as my_role, (select is_inbox from me) as is_inbox`;

/**
 * Invites `email` to the list (owner; never the Inbox, never a member). Inviting an address that
 * already has a pending invitation updates its role and answers it (`created: false`).
 */
export async function createInvitation(
  db: Database,
  callerId: string,
  listId: string,
  input: { email: string; role: ShareRole },
): Promise<InvitationOutcome<Invitation>> {
  const result = await db.execute<
    Guard &
      AudienceColumns & {
        is_member: boolean;
        invitation: InvitationRow | null;
        created: boolean | null;
      }
  >(sql`
    with ${guardOf(callerId, listId)}, member as (
      select from list_members o join users u on u.id = o.user_id
      where o.list_id = ${listId} and u.email = ${input.email}
    ), upserted as (
      insert into list_invitations as i (list_id, email, role, invited_by)
      select ${listId}::uuid, ${input.email}, ${input.role}::list_role, ${callerId}::uuid from me
      where me.role = 'owner' and not me.is_inbox and not exists (select from member)
      on conflict (list_id, lower(email)) where status = 'pending'
        do update set role = excluded.role, invited_by = excluded.invited_by
      returning i.*, (xmax = 0) as created
    )
    select ${guardColumns}, exists (select from member) as is_member,
      (select ${invitationJson} from upserted i ${joined}) as invitation,
      (select created from upserted) as created, ${invitationAudience(sql`${listId}::uuid`, sql`${input.email}`)}`);
  const [row] = result.rows;
  const denied = ownerRefused(row, true);
  if (denied) return denied;
  if (row?.is_member || !row?.invitation) return { status: 'member' };
  return {
    status: 'ok',
    value: toInvitation(row.invitation),
    created: row.created ?? true,
    audience: audienceFrom(row),
  };
}

/** The list's pending invitations, oldest first (owner only). */
export async function listListInvitations(
  db: Database,
  callerId: string,
  listId: string,
): Promise<InvitationOutcome<Invitation[]>> {
  const result = await db.execute<Guard & { invitations: InvitationRow[] }>(sql`
    with ${guardOf(callerId, listId)}
    select ${guardColumns}, coalesce((
      select jsonb_agg(${invitationJson} order by i.created_at, i.id) from list_invitations i
      ${joined} where i.list_id = ${listId} and i.status = 'pending'
        and (select role from me) = 'owner'
    ), '[]'::jsonb) as invitations`);
  const [row] = result.rows;
  const denied = ownerRefused(row);
  if (denied) return denied;
  return { status: 'ok', value: (row?.invitations ?? []).map(toInvitation) };
}

/** The pending invitations addressed to the caller's e-mail address, oldest first. */
export async function listMyInvitations(db: Database, callerId: string): Promise<Invitation[]> {
  const result = await db.execute<{ invitation: InvitationRow }>(sql`
    select ${invitationJson} as invitation from list_invitations i ${joined}
    where lower(i.email) = ${myEmail(callerId)} and i.status = 'pending'
    order by lower(i.email), i.created_at, i.id`);
  return result.rows.map((row) => toInvitation(row.invitation));
}

/**
 * Accepts or declines an invitation addressed to the caller. Accepting inserts the member row
 * from the UPDATE's own RETURNING, so a concurrent revoke (which the UPDATE waits for and then
 * re-checks `status = 'pending'` against) leaves no member behind.
 */
export async function answerInvitation(
  db: Database,
  callerId: string,
  id: string,
  answer: 'accepted' | 'declined',
): Promise<InvitationOutcome<Invitation>> {
  type Row = AudienceColumns & { before: string; invitation: InvitationRow | null };
  const result = await db.execute<Row>(sql`
    with mine as (
      select status from list_invitations where id = ${id} and lower(email) = ${myEmail(callerId)}
    ), answered as (
      update list_invitations set status = ${answer}::invitation_status, answered_at = now()
      where id = ${id} and status = 'pending' and exists (select from mine)
      returning *
    ), membership as (
      insert into list_members (list_id, user_id, role, position)
      select a.list_id, ${callerId}::uuid, a.role, coalesce(
        (select max(position) + 1 from list_members where user_id = ${callerId}), 0)
      from answered a where a.status = 'accepted'
      on conflict (list_id, user_id) do nothing
    )
    select mine.status as before,
      (select ${invitationJson} from answered i ${joined}) as invitation,
      ${invitationAudience(sql`(select list_id from list_invitations where id = ${id})`, myEmail(callerId))}
    from mine`);
  const [row] = result.rows;
  if (!row) return { status: 'invitation_not_found' };
  return row.invitation
    ? { status: 'ok', value: toInvitation(row.invitation), audience: audienceFrom(row) }
    : { status: 'answered' };
}

/** Revokes a pending invitation of the list (owner only). */
export async function revokeInvitation(
  db: Database,
  callerId: string,
  listId: string,
  id: string,
): Promise<InvitationOutcome<null>> {
  const result = await db.execute<
    Guard & AudienceColumns & { found: boolean; revoked: boolean }
  >(sql`
    with ${guardOf(callerId, listId)}, revoked as (
      update list_invitations set status = 'revoked', answered_at = now()
      where id = ${id} and list_id = ${listId} and status = 'pending'
        and (select role from me) = 'owner'
      returning id
    )
    select ${guardColumns},
      exists (select from list_invitations where id = ${id} and list_id = ${listId}) as found,
      exists (select from revoked) as revoked, ${invitationAudience(
        sql`${listId}::uuid`,
        sql`(select email from list_invitations where id = ${id})`,
      )}`);
  const [row] = result.rows;
  const denied = ownerRefused(row);
  if (denied) return denied;
  if (row?.revoked) return { status: 'ok', value: null, audience: audienceFrom(row) };
  return { status: row?.found ? 'answered' : 'invitation_not_found' };
}
