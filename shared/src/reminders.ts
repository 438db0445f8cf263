import { z } from 'zod';
import { InstantSchema } from './instant.ts';
import { BEFORE_MINUTES_MAX, BEFORE_MINUTES_MIN, REMINDERS_MAX } from './reminder-limits.ts';

// Reminders (issue 13, decision 0020): the rules and limits, once, for the worker, the web and the
// migration's trigger (which repeats the numbers in SQL: `api/drizzle/0010_reminders.sql`). The
// numbers themselves are in the zod-free `reminder-limits.ts`, which the service worker imports.

export * from './reminder-limits.ts';

/** When an all-day task's relative reminders count from, unless the user chose another time. */
export const DEFAULT_ALL_DAY_TIME = '09:00';
/**
 * How long a reminder without a later due time stays worth showing after its time: a push
 * older than this is dropped by the push service (`TTL`) and by the scheduler after an outage.
 */
export const REMINDER_GRACE_MINUTES = 60;
/**
 * How long a scheduler run's claim holds without being settled. A run settles within seconds;
 * one that has not after this long died (a worker restart) and its claims are taken again.
 */
export const CLAIM_LEASE_SECONDS = 120;

const beforeMessage = `Use a whole number of minutes from ${BEFORE_MINUTES_MIN} to ${BEFORE_MINUTES_MAX}`;
export const BeforeMinutesSchema = z
  .number({ message: beforeMessage })
  .int(beforeMessage)
  .min(BEFORE_MINUTES_MIN, beforeMessage)
  .max(BEFORE_MINUTES_MAX, beforeMessage);

/**
 * One reminder: `{before_minutes}` before the due time, or `{at}` an instant. One object shape
 * with a refinement (not a union) so that an issue names the field, e.g.
 * `reminders.0.before_minutes`.
 */
export const ReminderInputSchema = z
  .strictObject({ before_minutes: BeforeMinutesSchema.optional(), at: InstantSchema.optional() })
  .superRefine((reminder, ctx) => {
    const given = Number(reminder.before_minutes !== undefined) + Number(reminder.at !== undefined);
    if (given !== 1) {
      ctx.addIssue({ code: 'custom', message: 'Give exactly one of before_minutes and at' });
    }
  })
  .transform((r): Reminder =>
    r.at === undefined ? { before_minutes: r.before_minutes! } : { at: r.at },
  )
  .meta({ id: 'ReminderInput' });

export const ReminderSchema = z
  .union([z.object({ before_minutes: z.number().int() }), z.object({ at: z.iso.datetime() })])
  .meta({ id: 'Reminder' });
export type Reminder = { before_minutes: number } | { at: string };

/** A task's reminders: at most five, duplicates dropped (same offset or same instant). */
export const RemindersSchema = z
  .array(ReminderInputSchema)
  .max(REMINDERS_MAX, `At most ${REMINDERS_MAX} reminders`)
  .transform((reminders) => {
    const seen = new Set<string>();
    return reminders.filter((r) => {
      const key = JSON.stringify(r);
      return seen.has(key) ? false : (seen.add(key), true);
    });
  });

/** True when a reminder counts from the due time (and so needs one). */
export const isRelative = (reminder: Reminder): reminder is { before_minutes: number } =>
  'before_minutes' in reminder;

/** The message (and the trigger's constraint name) of a relative reminder on a task with no due. */
export const REMINDER_NEEDS_DUE = 'A reminder before the due time needs a due date';
export const REMINDER_NEEDS_DUE_CONSTRAINT = 'tasks_relative_reminders_need_due';

/** `HH:MM`, 24 h. */
export const ReminderTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a 24-hour time such as 09:00');

/** The caller's reminder settings, part of `/me`. */
export const ReminderDefaultsSchema = z
  .object({
    /** Given to every new task with a due date that is created without `reminders`. */
    before_minutes: z.array(z.number().int()),
    /** Local time an all-day task's relative reminders count from. */
    all_day_time: z.string(),
  })
  .meta({ id: 'ReminderDefaults' });
export type ReminderDefaults = z.infer<typeof ReminderDefaultsSchema>;

export const ReminderDefaultsInputSchema = z
  .strictObject({
    before_minutes: z
      .array(BeforeMinutesSchema)
      .max(REMINDERS_MAX, `At most ${REMINDERS_MAX} reminders`)
      .transform((minutes) => [...new Set(minutes)].sort((a, b) => a - b))
      .optional(),
    all_day_time: ReminderTimeSchema.optional(),
  })
  .meta({ id: 'ReminderDefaultsInput' });
export type ReminderDefaultsInput = z.input<typeof ReminderDefaultsInputSchema>;

export const DEFAULT_REMINDER_DEFAULTS: ReminderDefaults = {
  before_minutes: [],
  all_day_time: DEFAULT_ALL_DAY_TIME,
};

/** One scheduled reminder occurrence, as `GET /reminders/upcoming` lists it. */
export const UpcomingReminderSchema = z
  .object({
    /** Names this reminder occurrence: the notification tag and the push `Topic` derive from it. */
    occurrence: z.string(),
    task_id: z.uuid(),
    title: z.string(),
    fire_at: z.iso.datetime(),
    due_at: z.iso.datetime().nullable(),
    /** After this instant the reminder is no longer worth showing. */
    expires_at: z.iso.datetime(),
  })
  .meta({ id: 'UpcomingReminder' });
export type UpcomingReminder = z.infer<typeof UpcomingReminderSchema>;

export const UpcomingRemindersSchema = z
  .object({ reminders: z.array(UpcomingReminderSchema) })
  .meta({ id: 'UpcomingReminders' });

/** How far ahead `GET /reminders/upcoming` looks, and how many it lists at most. */
export const UPCOMING_REMINDERS = { hours: 24, max: 100 } as const;

/** What a push carries (and what the service worker and the tab show). */
export const ReminderPayloadSchema = z.object({
  occurrence: z.string(),
  task_id: z.uuid(),
  /** The task's occurrence (`Task.occurrence`) it reminds of: "Done" completes that one only. */
  task_occurrence: z.number().int().positive(),
  title: z.string(),
  urgency: z.string(),
});
export type ReminderPayload = z.infer<typeof ReminderPayloadSchema>;
