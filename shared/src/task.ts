import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';

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

const INSTANT_MESSAGE = 'Use an ISO 8601 timestamp, e.g. 2026-01-31T17:00:00Z';

/**
 * An ISO 8601 instant with `Z` or an offset, normalised to UTC `…Z` with milliseconds. Years
 * outside 0001–9999 (after moving to UTC) are refused: Postgres rejects year 0 and JavaScript
 * writes years past 9999 as `+010000`, which is not ISO 8601's basic form.
 */
export const InstantSchema = z.iso
  .datetime({ offset: true, message: INSTANT_MESSAGE })
  .transform((value) => new Date(value).toISOString())
  .refine((iso) => /^\d{4}-/.test(iso) && !iso.startsWith('0000-'), INSTANT_MESSAGE);

export const TaskSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string(),
    completed: z.boolean(),
    completed_at: z.iso.datetime().nullable(),
    priority: PrioritySchema,
    due_at: z.iso.datetime().nullable(),
    tags: z.array(z.string()),
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
] as const;

export const TaskCreateSchema = z
  .strictObject({
    title: TitleSchema,
    description: DescriptionSchema.default(''),
    completed: z.boolean().default(false),
    priority: PriorityInputSchema.default('Medium'),
    due_at: InstantSchema.nullable().default(null),
    tags: TagsSchema.default([]),
    /** Omitted: the caller's Inbox. */
    list_id: z.guid().optional(),
  })
  .meta({ id: 'TaskCreate' });
export type TaskCreate = z.input<typeof TaskCreateSchema>;

export const TaskUpdateSchema = z
  .strictObject({
    title: TitleSchema.optional(),
    description: DescriptionSchema.optional(),
    completed: z.boolean().optional(),
    priority: PriorityInputSchema.optional(),
    due_at: InstantSchema.nullable().optional(),
    tags: TagsSchema.optional(),
    /** Moves the task: the caller must be able to write tasks of both lists. */
    list_id: z.guid().optional(),
  })
  .meta({ id: 'TaskUpdate' });
export type TaskUpdate = z.input<typeof TaskUpdateSchema>;

export const CompletionSchema = z
  .strictObject({ completed: z.boolean() })
  .meta({ id: 'Completion' });
export type Completion = z.infer<typeof CompletionSchema>;

export const BULK_IDS_MAX = 500;
export const BulkActionSchema = z
  .strictObject({
    action: caseInsensitiveEnum(z.enum(['complete', 'reopen', 'delete', 'move'])),
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
  .object({ updated: z.array(z.guid()), not_found: z.array(z.guid()) })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;

export const ClearedSchema = z.object({ deleted: z.number().int() }).meta({ id: 'Cleared' });
export type Cleared = z.infer<typeof ClearedSchema>;

export const TagCountSchema = z
  .object({ name: z.string(), count: z.number().int() })
  .meta({ id: 'TagCount' });
export type TagCount = z.infer<typeof TagCountSchema>;
