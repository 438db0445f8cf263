import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

// Counters of `tasks`, kept by statement-level triggers (migration 0004_task_counts) in the same
// statement as every write, so no code path can forget them and reading them is O(1). A row
// is deleted in the statement that brings its counts to zero, so a user's deletion (which
// cascades to the tasks) leaves none behind: no foreign key needed. No CHECK (count >= 0) either:
// Postgres checks the row an upsert proposes, and a delta proposes a negative one. Per-list
// counters (issue 11) will be keyed by list the same way.

/** Pending and completed tasks per user. */
export const taskCounts = pgTable('task_counts', {
  userId: uuid('user_id').primaryKey(),
  pending: integer('pending').notNull().default(0),
  completed: integer('completed').notNull().default(0),
});

/** How many of a user's tasks carry each tag. */
export const tagCounts = pgTable(
  'tag_counts',
  {
    userId: uuid('user_id').notNull(),
    tag: text('tag').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.tag] }),
    // The top-N read (`order by count desc, tag`) is one index range scan that stops after N.
    index('tag_counts_user_top_idx').on(t.userId, t.count.desc(), t.tag),
  ],
);
