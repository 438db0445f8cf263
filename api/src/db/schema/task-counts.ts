import { integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

// Counters of `tasks` per list, kept by statement-level triggers (migrations 0004_task_counts and
// 0007_lists) in the same statement as every write, so no code path can forget them. A user's
// counts are the sum over the lists they belong to. A row is deleted in the statement that
// brings its counts to zero, so a list's deletion (which cascades to the tasks) leaves none
// behind: no foreign key needed. No CHECK (count >= 0) either: Postgres checks the row an upsert
// proposes, and a delta proposes a negative one.

/** Pending and completed tasks per list. */
export const listTaskCounts = pgTable('list_task_counts', {
  listId: uuid('list_id').primaryKey(),
  pending: integer('pending').notNull().default(0),
  completed: integer('completed').notNull().default(0),
});

/** How many of a list's tasks carry each tag. */
export const listTagCounts = pgTable(
  'list_tag_counts',
  {
    listId: uuid('list_id').notNull(),
    tag: text('tag').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.listId, t.tag] })],
);
