import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
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
import type { Reminder } from '@tasks/shared';
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
    // The due fields (issue 12, decision 0018): the local day and time and the zone are what the
    // user set; `due_at` is derived from them by the worker (floating: the creator's zone).
    dueAt: instant('due_at'),
    dueDate: date('due_date', { mode: 'string' }),
    /** `HH:MM`, local; null: all day. */
    dueTime: text('due_time'),
    timeZone: text('time_zone'),
    /** Canonical RRULE text (shared's `formatRrule`); null: not repeating. */
    rrule: text('rrule'),
    repeatFrom: text('repeat_from').$type<'due' | 'completion'>(),
    occurrence: integer('occurrence').notNull().default(1),
    /**
     * What a completion at a given time advances to, precomputed by the worker with the shared
     * engine (`TaskSchedule`, api/src/routes/tasks/schedule.ts), so that completing stays one
     * statement; null: not computed (yet), the completion runs the engine itself.
     */
    schedule: jsonb('schedule'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    // At most five `{before_minutes}` / `{at}` (shared/reminders.ts); the schedule follows it.
    reminders: jsonb('reminders')
      .$type<Reminder[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
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
    // The views (today, upcoming, overdue): open tasks of a list by due instant.
    index('tasks_list_open_due_idx')
      .on(t.listId, t.dueAt, t.id)
      .where(sql`not ${t.completed} and ${t.dueAt} is not null`),
    // The cascade of a user's deletion and the unassignment of a removed member.
    index('tasks_user_idx').on(t.userId),
    index('tasks_assignee_idx').on(t.assigneeId),
    // The referencing side of migration 0008's `tasks_assignee_member_fk` (list_id, assignee_id)
    // → list_members: removing a member finds their assigned tasks of that list here.
    index('tasks_list_assignee_idx')
      .on(t.listId, t.assigneeId)
      .where(sql`${t.assigneeId} is not null`),
    index('tasks_tags_idx').using('gin', t.tags),
    // Trigram indexes serve `ILIKE '%q%'` (needs pg_trgm, created by an earlier custom migration).
    index('tasks_title_trgm_idx').using('gin', t.title.op('gin_trgm_ops')),
    index('tasks_description_trgm_idx').using('gin', t.description.op('gin_trgm_ops')),
    check('tasks_due_time_format', sql`${t.dueTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('tasks_due_time_needs_date', sql`${t.dueTime} is null or ${t.dueDate} is not null`),
    check(
      'tasks_recurrence_whole',
      sql`(${t.rrule} is null) = (${t.repeatFrom} is null) and ${t.repeatFrom} in ('due', 'completion')`,
    ),
    check('tasks_occurrence_positive', sql`${t.occurrence} >= 1`),
  ],
);

/**
 * The done and skipped occurrences of recurring tasks. The key (task, occurrence) is the
 * exactly-once guard of an advance: a second completion of the same occurrence inserts nothing.
 */
export const taskHistory = pgTable(
  'task_history',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    occurrence: integer('occurrence').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    dueTime: text('due_time'),
    completedAt: instant('completed_at').notNull().defaultNow(),
    completedBy: uuid('completed_by').references(() => users.id, { onDelete: 'set null' }),
    skipped: boolean('skipped').notNull().default(false),
  },
  // Read by task only (`GET /tasks/{id}/history`, authorized through the task's list).
  (t) => [primaryKey({ columns: [t.taskId, t.occurrence] })],
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
export type TaskHistoryRecord = typeof taskHistory.$inferSelect;
