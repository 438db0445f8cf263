import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './auth.ts';
import { tasks } from './tasks.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * One row per reminder occurrence still to come (or just sent) of an open task, kept by the
 * `reminders_reschedule` trigger in the statement of every task write (migration 0010): the API
 * never writes it. `occurrence` names the task and the instant; `sent_for = occurrence` means
 * claimed by a scheduler run (decision 0020). Rows go with their task.
 */
export const reminderSchedule = pgTable(
  'reminder_schedule',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id, { onDelete: 'cascade' }),
    occurrence: text('occurrence').notNull(),
    // Who is reminded: the assignee, else the creator.
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fireAt: instant('fire_at').notNull(),
    dueAt: instant('due_at'),
    // After this the reminder is no longer worth showing: the due time, or fire_at + grace.
    expiresAt: instant('expires_at').notNull(),
    sentFor: text('sent_for'),
    // Set by the claim, cleared when the run settles it: a claim still set after CLAIM_LEASE
    // belongs to a run that died between claiming and settling, and may be claimed again.
    claimedAt: instant('claimed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.occurrence] }),
    // The scheduler's scan: rows not yet claimed for their occurrence, or claimed by a run that
    // has not settled them (yet, or ever: it died).
    index('reminder_schedule_pending_idx')
      .on(t.fireAt)
      .where(sql`${t.sentFor} is distinct from ${t.occurrence} or ${t.claimedAt} is not null`),
    index('reminder_schedule_user_fire_idx').on(t.userId, t.fireAt),
  ],
);

/** The caller's reminder defaults (`/me`); no row means the defaults of shared/reminders.ts. */
export const reminderSettings = pgTable('reminder_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  beforeMinutes: integer('before_minutes')
    .array()
    .notNull()
    .default(sql`'{}'::integer[]`),
  allDayTime: text('all_day_time').notNull().default('09:00'),
});

/** A device's Web Push subscription (RFC 8030), one per endpoint. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    endpoint: text('endpoint').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [index('push_subscriptions_user_idx').on(t.userId)],
);
