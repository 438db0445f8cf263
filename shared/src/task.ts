import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { InstantSchema } from './instant.ts';
import { RemindersSchema, ReminderSchema } from './reminders.ts';

export { InstantSchema };
import {
  DueDateSchema,
  DueTimeSchema,
  RecurrenceInputSchema,
  RecurrenceSchema,
  TimeZoneSchema,
} from './due.ts';

export const PRIORITIES = ['High', 'Medium', 'Low'] as const;
export const PrioritySchema = z.enum(PRIORITIES).meta({ id: 'Priority' });
export type Priority = z.infer<typeof PrioritySchema>;
/** A priority as a client may send it: any letter case, parsed to the canonical value. */
export const PriorityInputSchema = caseInsensitiveEnum(PrioritySchema);

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 5000;
export const TAG_MAX = 32;
export const TAGS_MAX = 20;

/**
 * Postgres text cannot hold NUL and UTF-8 cannot encode an unpaired surrogate: such strings are
 * refused by field rather than failing in the database or being stored altered.
 */
export const isStorableText = (value: string) => !/[\0\p{Cs}]/u.test(value);
const UNSTORABLE = 'Contains a NUL character or an unpaired surrogate';

export const TitleSchema = z
  .string()
  .trim()
  .min(1, 'Title cannot be empty')
  .max(TITLE_MAX, `Title is at most ${TITLE_MAX} characters`)
  .refine(isStorableText, UNSTORABLE);

export const DescriptionSchema = z
  .string()
  .max(DESCRIPTION_MAX, `Description is at most ${DESCRIPTION_MAX} characters`)
  .refine(isStorableText, UNSTORABLE);

export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Tag cannot be empty')
  .max(TAG_MAX, `A tag is at most ${TAG_MAX} characters`)
  .refine(isStorableText, UNSTORABLE);

/**
 * Tags are trimmed, lower-cased and de-duplicated; at most 20 distinct ones. The raw cap (100) lets
 * a client send duplicates, while 10,000 tags fail as one `tags` issue rather than one per tag.
 */
export const TagsSchema = z
  .array(TagSchema)
  .max(TAGS_MAX * 5, `At most ${TAGS_MAX} tags`)
  .transform((tags) => [...new Set(tags)])
  .refine((tags) => tags.length <= TAGS_MAX, `At most ${TAGS_MAX} tags`);

export const TaskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    completed: z.boolean(),
    completed_at: z.iso.datetime().nullable(),
    priority: PrioritySchema,
    /** The derived instant: `due_date` and `due_time` in the zone, all-day at the day's start. */
    due_at: z.iso.datetime().nullable(),
    /** The local calendar day, `YYYY-MM-DD`; null: no due date. */
    due_date: z.string().nullable(),
    /** The local wall time `HH:MM`; null: all day. */
    due_time: z.string().nullable(),
    /** IANA zone; null: floating, read in the creator's zone (`GET /me`). */
    time_zone: z.string().nullable(),
    recurrence: RecurrenceSchema.nullable(),
    /** Which occurrence of the series is current, 1 for the first (1 for a one-off task). */
    occurrence: z.number().int().positive(),
    tags: z.array(z.string()),
    reminders: z.array(ReminderSchema),
    user_id: z.uuid(),
    list_id: z.uuid(),
    created_by: z.uuid(),
    completed_by: z.uuid().nullable(),
    assignee_id: z.uuid().nullable(),
    version: z.number().int().positive(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof TaskSchema>;

/** Fields the server owns; sending one is a 400 that names it. */
export const READ_ONLY_TASK_FIELDS = [
  'id',
  'user_id',
  'created_by',
  'completed_by',
  'version',
  'created_at',
  'updated_at',
  'completed_at',
  'occurrence',
] as const;

/** A task's assignee: null, or the user id of a member of the task's list. */
export const AssigneeIdSchema = z.guid().toLowerCase().nullable();

/**
 * The due fields a write may send. `due_at` is the derived instant, still accepted from older
 * clients: sent without `due_date` it is read in the task's (or the user's) zone.
 */
const dueCreateFields = {
  due_at: InstantSchema.nullable().default(null),
  due_date: DueDateSchema.nullable().optional(),
  due_time: DueTimeSchema.nullable().optional(),
  time_zone: TimeZoneSchema.nullable().optional(),
  recurrence: RecurrenceInputSchema.nullable().optional(),
};
const dueUpdateFields = {
  due_at: InstantSchema.nullable().optional(),
  due_date: DueDateSchema.nullable().optional(),
  due_time: DueTimeSchema.nullable().optional(),
  time_zone: TimeZoneSchema.nullable().optional(),
  /** null stops repeating; a new rule applies from the current occurrence on. */
  recurrence: RecurrenceInputSchema.nullable().optional(),
};

export const TaskCreateSchema = z
  .strictObject({
    title: TitleSchema,
    description: DescriptionSchema.default(''),
    completed: z.boolean().default(false),
    priority: PriorityInputSchema.default('Medium'),
    ...dueCreateFields,
    tags: TagsSchema.default([]),
    /** Omitted: the caller's default reminders when the task has a due date, else none. */
    reminders: RemindersSchema.optional(),
    /** Omitted: the caller's Inbox. */
    list_id: z.guid().optional(),
    /** Null or a member of the task's list, checked in the statement that writes. */
    assignee_id: AssigneeIdSchema.optional(),
  })
  .meta({ id: 'TaskCreate' });
export type TaskCreate = z.input<typeof TaskCreateSchema>;

export const TaskUpdateSchema = z
  .strictObject({
    title: TitleSchema.optional(),
    description: DescriptionSchema.optional(),
    completed: z.boolean().optional(),
    priority: PriorityInputSchema.optional(),
    ...dueUpdateFields,
    tags: TagsSchema.optional(),
    reminders: RemindersSchema.optional(),
    /** Moves the task: the caller must be able to write tasks of both lists. */
    list_id: z.guid().optional(),
    /** Null unassigns; otherwise a member of the task's list (after a move: of the new list). */
    assignee_id: AssigneeIdSchema.optional(),
  })
  .meta({ id: 'TaskUpdate' });
export type TaskUpdate = z.input<typeof TaskUpdateSchema>;

export const CompletionSchema = z
  .strictObject({
    completed: z.boolean(),
    /**
     * The occurrence being completed: a retry naming one that is already done changes nothing,
     * so completing a recurring task is idempotent without `If-Match`.
     */
    occurrence: z.number().int().positive().optional(),
  })
  .meta({ id: 'Completion' });
export type Completion = z.infer<typeof CompletionSchema>;

export const BULK_IDS_MAX = 500;
export const BulkActionSchema = z
  .strictObject({
    action: caseInsensitiveEnum(z.enum(['complete', 'reopen', 'delete', 'move', 'restore'])),
    // Any 8-4-4-4-12 hex id is well formed here; ids that match no task come back in `not_found`.
    ids: z.array(z.guid()).min(1).max(BULK_IDS_MAX),
    /** The destination of `move` (required there, ignored otherwise). */
    list_id: z.guid().toLowerCase().optional(),
  })
  .refine((bulk) => bulk.action !== 'move' || bulk.list_id !== undefined, {
    message: 'A move needs the list_id to move to',
    path: ['list_id'],
  })
  .meta({ id: 'BulkAction' });
export type BulkAction = z.infer<typeof BulkActionSchema>;

export const BulkResultSchema = z
  .object({
    updated: z.array(z.guid()),
    not_found: z.array(z.guid()),
    tasks: z.array(TaskSchema).meta({
      description:
        'The tasks this call changed, as they are now (their new versions), so a client keeps ' +
        'them without reading them again. Empty for a delete; for a restore, the tasks brought ' +
        'back. A task `updated` names that was already so (completing a completed one, ' +
        'restoring a live one) is not among them.',
    }),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const ClearedSchema = z.object({ deleted: z.number().int() }).meta({ id: 'Cleared' });
export type Cleared = z.infer<typeof ClearedSchema>;

export const TagCountSchema = z
  .object({ name: z.string(), count: z.number().int() })
  .meta({ id: 'TagCount' });
export type TagCount = z.infer<typeof TagCountSchema>;
