import { z } from 'zod';
import { EmailSchema } from './auth.ts';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { ListRoleSchema } from './list.ts';

/** One member of a list, as `GET /lists/{id}/members` shows them. */
export const MemberSchema = z
  .object({
    user_id: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: ListRoleSchema,
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const MemberPageSchema = z
  .object({ data: z.array(MemberSchema) })
  .meta({ id: 'MemberPage' });
export type MemberPage = z.infer<typeof MemberPageSchema>;

/**
 * The roles an owner may give: ownership is never granted by an invitation or a role change,
 * only moved by a transfer, so a list keeps exactly one owner.
 */
export const SHARE_ROLES = ['editor', 'viewer'] as const;
export const ShareRoleSchema = z
  .enum(SHARE_ROLES, { message: 'Role is editor or viewer (ownership moves by a transfer)' })
  .meta({ id: 'ShareRole' });
export type ShareRole = z.infer<typeof ShareRoleSchema>;
/** A share role as a client may send it: any letter case, parsed to the canonical value. */
export const ShareRoleInputSchema = caseInsensitiveEnum(ShareRoleSchema);

/**
 * `pending` until the addressee answers or the owner revokes; the other states are final and
 * kept, so an answered invitation reads the same to both sides (decision 0015).
 */
export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export const InvitationStatusSchema = z.enum(INVITATION_STATUSES).meta({ id: 'InvitationStatus' });
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

/** Who sent an invitation; null once their account is gone. */
export const InviterSchema = z
  .object({ user_id: z.uuid(), email: z.email(), name: z.string() })
  .meta({ id: 'Inviter' });
export type Inviter = z.infer<typeof InviterSchema>;

/**
 * An invitation to a list, addressed to an e-mail address (the invitee need not have an account
 * yet). `list_name` and `invited_by` are what the invitee sees before they can see the list.
 */
export const InvitationSchema = z
  .object({
    id: z.uuid(),
    list_id: z.uuid(),
    list_name: z.string(),
    email: z.email(),
    role: ShareRoleSchema,
    status: InvitationStatusSchema,
    invited_by: InviterSchema.nullable(),
    created_at: z.iso.datetime(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationPageSchema = z
  .object({ data: z.array(InvitationSchema) })
  .meta({ id: 'InvitationPage' });
export type InvitationPage = z.infer<typeof InvitationPageSchema>;

/** `POST /lists/{id}/invitations`: the address is trimmed and lower-cased; role defaults to viewer. */
export const InvitationCreateSchema = z
  .strictObject({
    email: EmailSchema,
    role: ShareRoleInputSchema.default('viewer'),
  })
  .meta({ id: 'InvitationCreate' });
export type InvitationCreate = z.input<typeof InvitationCreateSchema>;

/** `PATCH /lists/{id}/members/{user_id}`: an owner changes a member's role (never to owner). */
export const MemberUpdateSchema = z
  .strictObject({ role: ShareRoleInputSchema })
  .meta({ id: 'MemberUpdate' });
export type MemberUpdate = z.input<typeof MemberUpdateSchema>;

/** `POST /lists/{id}/transfer`: the member who becomes owner; the old owner becomes editor. */
export const OwnershipTransferSchema = z
  .strictObject({ user_id: z.guid().toLowerCase() })
  .meta({ id: 'OwnershipTransfer' });
export type OwnershipTransfer = z.input<typeof OwnershipTransferSchema>;
