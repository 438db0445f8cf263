import { z } from 'zod';
import { caseInsensitiveEnum } from './case-insensitive-enum.ts';
import { TaskViewSchema } from './task-time.ts';
import { InstantSchema, isStorableText, PriorityInputSchema, TagSchema } from './task.ts';

/** A query parameter that may repeat (`?tag=a&tag=b`): always parsed to an array. */
const repeatable = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item).max(20));

export const TASK_SORT_KEYS = ['created_at', 'updated_at', 'due_at', 'priority', 'title'] as const;
export const TaskSortSchema = z.enum(TASK_SORT_KEYS);
export type TaskSort = z.infer<typeof TaskSortSchema>;

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const TASK_STATUSES = ['all', 'pending', 'completed'] as const;
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

/** Query of `GET /api/v1/tasks`: filters, sort and keyset pagination. */
export const TaskListQuerySchema = z
  .strictObject({
    status: caseInsensitiveEnum(z.enum(TASK_STATUSES)).default('all'),
    priority: repeatable(PriorityInputSchema).optional(),
    tag: repeatable(TagSchema).optional(),
    q: z
      .string()
      .trim()
      .max(200)
      .refine(isStorableText, 'Contains a NUL character or an unpaired surrogate')
      .optional(),
    due_before: InstantSchema.optional(),
    due_after: InstantSchema.optional(),
    /** One list of the caller's; omitted: every list they belong to. */
    list_id: z.guid().toLowerCase().optional(),
    /** `today`, `upcoming` or `overdue` in the caller's zone; combines with the other filters. */
    view: TaskViewSchema.optional(),
    sort: caseInsensitiveEnum(TaskSortSchema).default('created_at'),
    order: caseInsensitiveEnum(z.enum(SORT_ORDERS)).default('desc'),
    limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    // A cursor carries a title sort key: 200 characters can take ~1,600 base64url characters.
    cursor: z.string().max(2048).optional(),
  })
  .meta({ id: 'TaskListQuery' });
export type TaskListQuery = z.output<typeof TaskListQuerySchema>;
export type TaskListParams = z.input<typeof TaskListQuerySchema>;

export const ClearQuerySchema = z.strictObject({
  status: caseInsensitiveEnum(z.enum(['completed'])),
});
