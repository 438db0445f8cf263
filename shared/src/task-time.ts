import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { TimeZoneSchema } from './due.ts';
import { ReminderDefaultsInputSchema } from './reminders.ts';

/** One done (or skipped) occurrence of a recurring task, as `GET /tasks/{id}/history` lists it. */
export const TaskHistoryItemSchema = z
  .object({
    occurrence: z.number().int().positive(),
    due_date: z.string(),
    due_time: z.string().nullable(),
    /** When it was completed or skipped. */
    completed_at: z.iso.datetime(),
    /** Who completed or skipped it; null once that account is gone. */
    completed_by: z.uuid().nullable(),
    skipped: z.boolean(),
  })
  .meta({ id: 'TaskHistoryItem' });
export type TaskHistoryItem = z.infer<typeof TaskHistoryItemSchema>;

/** Newest first. */
export const TaskHistorySchema = z.array(TaskHistoryItemSchema).meta({ id: 'TaskHistory' });

/**
 * Views of `GET /tasks?view=`, in the caller's zone (`GET /me`), never completed tasks:
 * `today` is due today or before; `upcoming` is due from today's start to 7 days on;
 * `overdue` is due before now (an all-day task: before today).
 */
export const TASK_VIEWS = ['today', 'upcoming', 'overdue'] as const;
export const TaskViewSchema = caseInsensitiveEnum(z.enum(TASK_VIEWS));
export type TaskView = (typeof TASK_VIEWS)[number];
export const UPCOMING_DAYS = 7;

/**
 * `PATCH /me`: the caller's zone, which floating due dates and the views follow, and the
 * reminder defaults (shared/reminders.ts); each optional, but not both left out.
 */
export const MeUpdateSchema = z
  .strictObject({
    time_zone: TimeZoneSchema.optional(),
    reminder_defaults: ReminderDefaultsInputSchema.optional(),
  })
  .refine((update) => update.time_zone !== undefined || update.reminder_defaults !== undefined, {
    message: 'Give time_zone or reminder_defaults',
    path: ['time_zone'],
  })
  .meta({ id: 'MeUpdate' });
export type MeUpdate = z.infer<typeof MeUpdateSchema>;
