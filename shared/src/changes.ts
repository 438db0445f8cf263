import { z } from 'zod';
import { ListSchema } from './list.ts';
import { InvitationSchema, MemberSchema } from './members.ts';
import { TaskSchema } from './task.ts';

/** What the change feed reports on (decision 0021). */
export const CHANGE_ENTITIES = ['task', 'list', 'membership', 'invitation'] as const;
export const ChangeEntitySchema = z.enum(CHANGE_ENTITIES).meta({ id: 'ChangeEntity' });
export type ChangeEntity = z.infer<typeof ChangeEntitySchema>;

/** Page size of `GET /changes`. */
export const CHANGES_LIMIT = { default: 200, max: 1000 } as const;
/**
 * Changes (tombstones included) are kept at least this long; a cursor issued earlier gets 410.
 * The database sweeps a day later than this, so no cursor younger than this can miss a row.
 */
export const CHANGE_RETENTION_DAYS = 30;

/**
 * A membership in the feed: the member as `GET /lists/{id}/members` shows them, and the list,
 * which that path names. Its feed id is `list_id:user_id`.
 */
export const ListMemberSchema = MemberSchema.extend({ list_id: z.uuid() }).meta({
  id: 'ListMember',
});
export type ListMember = z.infer<typeof ListMemberSchema>;

const upsert = <E extends ChangeEntity, T extends z.ZodType>(entity: E, data: T) =>
  z.object({ entity: z.literal(entity), id: z.string(), op: z.literal('upsert'), data });

/** One entry of the feed: the entity as the REST answer shows it now, or that it is gone for you. */
export const ChangeSchema = z
  .union([
    upsert('task', TaskSchema),
    upsert('list', ListSchema),
    upsert('membership', ListMemberSchema),
    upsert('invitation', InvitationSchema),
    z.object({ entity: ChangeEntitySchema, id: z.string(), op: z.literal('delete') }),
  ])
  .meta({ id: 'Change' });
export type Change = z.infer<typeof ChangeSchema>;

export const ChangePageSchema = z
  .object({ changes: z.array(ChangeSchema), cursor: z.string(), has_more: z.boolean() })
  .meta({ id: 'ChangePage' });
export type ChangePage = z.infer<typeof ChangePageSchema>;

export const ChangeQuerySchema = z.object({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(CHANGES_LIMIT.max).default(CHANGES_LIMIT.default),
});

/** A poke a user's live socket sends: pull `/changes` until your cursor reaches `cursor`. */
export const LivePokeSchema = z.object({ type: z.literal('changed'), cursor: z.string() });
export type LivePoke = z.infer<typeof LivePokeSchema>;

export const LiveTicketSchema = z.object({ ticket: z.string() }).meta({ id: 'LiveTicket' });
/** A ticket opens one socket, within this many seconds of being issued. */
export const LIVE_TICKET_TTL_SECONDS = 30;
