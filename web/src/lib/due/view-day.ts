import type { TaskCreate } from '@tasks/shared';
import type { TimeView } from './day-groups';
import { dayIn } from './due-format';

/**
 * A task added on Today or Upcoming without a day is due today on the user's clock, as in
 * Todoist (its Upcoming adds to the day chosen; ours has one field, above today's group), so
 * it stays on the page it was added on. A day the text or the options gave wins, and so does an
 * older client's `due_at`.
 */
export function withViewDay(
  input: TaskCreate,
  view: TimeView | undefined,
  userZone: string,
  now = Date.now(),
): TaskCreate {
  if (!view || input.due_date || input.due_at) return input;
  return { ...input, due_date: dayIn(now, userZone) };
}
