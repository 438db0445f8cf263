import type { TagCount, Task, TaskCounts } from '@tasks/shared';
import { TAG_COUNTS_MAX } from 'virtual:contract';

export const NO_COUNTS: TaskCounts = { all: 0, pending: 0, completed: 0, tags: [] };

const byUse = (a: TagCount, b: TagCount) =>
  b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function bump(tags: TagCount[], name: string, by: number): void {
  const index = tags.findIndex((tag) => tag.name === name);
  const entry = tags[index];
  if (!entry) {
    // Unlisted: a new tag if the API listed every tag, else one beyond its top N (count unknown).
    if (by > 0 && tags.length < TAG_COUNTS_MAX) tags.push({ name, count: by });
  } else if (entry.count + by > 0) entry.count += by;
  else tags.splice(index, 1);
}

/**
 * Moves `counts` from a task as it was (`before`; undefined: it did not exist) to as it is
 * (`after`; undefined: deleted), as the database's counters did for the same write. This is
 * what lets one write be one request: the counts are not read again after it.
 */
export function recount(counts: TaskCounts, before?: Task, after?: Task): void {
  let tagsChanged = false;
  for (const [task, by] of [
    [before, -1],
    [after, 1],
  ] as const) {
    if (!task) continue;
    counts.all += by;
    if (task.completed) counts.completed += by;
    else counts.pending += by;
    for (const tag of new Set(task.tags)) bump(counts.tags, tag, by);
    tagsChanged ||= task.tags.length > 0;
  }
  if (tagsChanged) counts.tags.sort(byUse);
}
