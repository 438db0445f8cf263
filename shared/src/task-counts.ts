import { z } from 'zod';
import { TagCountSchema } from './task.ts';

/** The most tags `GET /tags` and the counts answer with (most used first): the UI's tag filter. */
export const TAG_COUNTS_MAX = 100;

/**
 * How many of the caller's tasks are pending and completed, and the most used tags with how many
 * tasks carry each. Kept by the database in the statement of every write, so reading it costs
 * the same at 100,000 tasks as at 10.
 */
export const TaskCountsSchema = z
  .object({
    all: z.number().int().nonnegative(),
    pending: z.number().int().nonnegative(),
    completed: z.number().int().nonnegative(),
    tags: z.array(TagCountSchema).max(TAG_COUNTS_MAX),
  })
  .meta({ id: 'TaskCounts' });
export type TaskCounts = z.infer<typeof TaskCountsSchema>;
