import { sql } from 'drizzle-orm';
import {
  check,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { INVITATION_STATUSES } from '@tasks/shared';
import { users } from './auth.ts';
import { listRole, lists } from './lists.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const invitationStatus = pgEnum('invitation_status', INVITATION_STATUSES);

/**
 * An invitation to a list, addressed to an e-mail address (stored trimmed and lower-case, like
 * `users.email`). Rows are never deleted by the routes: `pending` becomes `accepted`, `declined`
 * or `revoked` once, and stays (decision 0015), so a list may be re-offered to an address later.
 */
export const listInvitations = pgTable(
  'list_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: listRole('role').notNull(),
    status: invitationStatus('status').notNull().default('pending'),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    answeredAt: instant('answered_at'),
  },
  (t) => [
    check('list_invitations_email_normalized', sql`${t.email} = lower(btrim(${t.email}))`),
    // Ownership is never offered: it moves only by a transfer.
    check('list_invitations_not_owner', sql`${t.role} <> 'owner'`),
    check('list_invitations_answered', sql`(${t.status} = 'pending') = (${t.answeredAt} is null)`),
    // One pending invitation per list and address; also the owner's "pending of this list".
    uniqueIndex('list_invitations_pending_unique')
      .on(t.listId, sql`lower(${t.email})`)
      .where(sql`${t.status} = 'pending'`),
    // "Invitations addressed to me": led by the address the caller's account has.
    index('list_invitations_email_pending_idx')
      .on(sql`lower(${t.email})`, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
