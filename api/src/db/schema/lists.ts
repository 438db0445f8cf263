import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { LIST_COLORS, LIST_ROLES } from '@tasks/shared';
import { users } from './auth.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const listRole = pgEnum('list_role', LIST_ROLES);

/**
 * A list of tasks, shared with its members. `inbox_of` is set only on a user's Inbox: unique, so
 * a user has at most one, and cascading, so the Inbox goes with its user (migration 0007 and the
 * `users_create_inbox` trigger give every user exactly one).
 */
export const lists = pgTable(
  'lists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    color: text('color').notNull().default(LIST_COLORS[0]),
    archived: boolean('archived').notNull().default(false),
    inboxOf: uuid('inbox_of')
      .unique('lists_inbox_of_unique')
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('lists_name_length', sql`char_length(${t.name}) between 1 and 100`),
    check(
      'lists_color_palette',
      sql.raw(`color in (${LIST_COLORS.map((color) => `'${color}'`).join(', ')})`),
    ),
    check('lists_inbox_not_archived', sql`${t.inboxOf} is null or not ${t.archived}`),
  ],
);

/** Who may see a list and with which role; `position` is the member's own ordering. */
export const listMembers = pgTable(
  'list_members',
  {
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: listRole('role').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.listId, t.userId] }),
    // Every authorization check is `(list_id, user_id)` (the key); "my lists" is led by the user.
    index('list_members_user_idx').on(t.userId, t.position, t.listId),
    // At most one owner per list: the DEFERRABLE exclusion constraint `list_members_one_owner`
    // of migration 0008 (drizzle cannot declare one), checked when the statement commits, so a
    // transfer swaps two roles in one UPDATE whatever order it visits the rows (decision 0015).
  ],
);

export type ListRecord = typeof lists.$inferSelect;
