import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { lists } from './lists.ts';

/** Declared low to high, so `ORDER BY priority DESC` puts High first without a CASE. */
export const taskPriority = pgEnum('task_priority', ['Low', 'Medium', 'High']);

// Millisecond precision: what the API writes in JSON is exactly what is stored, so a keyset
// cursor built from a response's timestamp finds its row again.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * Sort keys of `due_at` with "no due date" last in both orders. They are the expressions that
 * the two due-date indexes are built on; queries must use these exact expressions to hit them.
 */
export const dueAtAscKey = sql`coalesce(due_at, 'infinity'::timestamptz)`;
export const dueAtDescKey = sql`coalesce(due_at, '-infinity'::timestamptz)`;
/** Title sort key: case-insensitive, the expression of the title index. */
export const titleKey = sql`lower(title)`;

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The creator (the API's `user_id` and `created_by`). Omitted on insert, `list_id` is the
    // creator's Inbox (the `tasks_default_list` trigger of migration 0007).
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    listId: uuid('list_id')
      .notNull()
      .references(() => lists.id, { onDelete: 'cascade' }),
    completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    completed: boolean('completed').notNull().default(false),
    completedAt: instant('completed_at'),
    priority: taskPriority('priority').notNull().default('Medium'),
    dueAt: instant('due_at'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    version: integer('version').notNull().default(1),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One b-tree per sort key, led by the list and ending in the id tie-breaker, so every page
    // of a list is one index range scan (read backwards for `desc`); a page across the caller's
    // lists is one such scan per list, merged (list-tasks.ts).
    index('tasks_list_created_idx').on(t.listId, t.createdAt, t.id),
    index('tasks_list_updated_idx').on(t.listId, t.updatedAt, t.id),
    index('tasks_list_due_asc_idx').on(t.listId, dueAtAscKey, t.id),
    index('tasks_list_due_desc_idx').on(t.listId, dueAtDescKey, t.id),
    index('tasks_list_priority_idx').on(t.listId, t.priority, t.id),
    index('tasks_list_title_idx').on(t.listId, titleKey, t.id),
    // The cascade of a user's deletion and the unassignment of a removed member.
    index('tasks_user_idx').on(t.userId),
    index('tasks_assignee_idx').on(t.assigneeId),
    index('tasks_tags_idx').using('gin', t.tags),
    // Trigram indexes serve `ILIKE '%q%'` (needs pg_trgm, created by an earlier custom migration).
    index('tasks_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('tasks_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
  ],
);

/**
 * `Idempotency-Key`s of task creation, per user: the hash of the request body and a snapshot of
 * the first response, replayed for 24 hours and for the user's newest 1,000 keys
 * (`IDEMPOTENCY_KEYS` in shared). Older rows are overwritten in place or swept by the next keyed
 * create of the same user.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.key] }),
    // Led by the owner: the sweep and the per-user cap of a keyed create read only its own keys.
    index('idempotency_keys_user_created_idx').on(t.userId, t.createdAt),
  ],
);

export type TaskRecord = typeof tasks.$inferSelect;
