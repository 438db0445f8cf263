import type { Task } from '@tasks/shared';
import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { pokeAudience } from '../../live/poke.ts';
import { deriveDue, engineNext, isStale, type ZonedRecord } from './derive.ts';
import type { TaskChanges, Written } from './queries.ts';
import { getTask } from './queries.ts';
import { advanceTask, refillDerived } from './refill.ts';
import { toTask } from './task-json.ts';

/** Work after the answer where the runtime allows it (`app.request` has no context). */
function afterAnswer(c: Context<AppEnv>, work: Promise<unknown>) {
  const logged = work.catch((error: unknown) => console.error('refill failed', error));
  try {
    c.executionCtx.waitUntil(logged);
  } catch {
    // No execution context: the work simply runs on.
  }
}

/**
 * The answer of a write: the row as stored. Its `due_at` was derived by the statement itself
 * (zoned-sql.ts), so what a read finds next is what this answers; only the schedule, which no
 * answer shows, may be written after the answer.
 */
export function answerOf(c: Context<AppEnv>, zoned: ZonedRecord): Task {
  const derived = { ...deriveDue(zoned), dueAt: zoned.record.dueAt };
  if (isStale(zoned.record, derived))
    afterAnswer(c, refillDerived(c.var.db, zoned.record, derived));
  return toTask(zoned.record);
}

/** True when the write asked to complete (or skip) the occurrence it found open. */
function completedOpen(changes: TaskChanges, before: Written['before']): boolean {
  if (changes.completed === undefined || changes.completed === false || before.completed) {
    return false;
  }
  return changes.occurrence === undefined || changes.occurrence === before.occurrence;
}

/**
 * The answer of a write that may have completed a recurring task. Since decision 0030 the
 * statement answers every completion itself (a schedule it cannot read is built in SQL), so the
 * occurrence is left open only if a schedule the statement built could not answer, which no
 * known shape does: then, as a guard that logs, the engine computes the next one and a second
 * statement applies it, guarded the same way.
 */
export async function finishWrite(c: Context<AppEnv>, written: Written, changes: TaskChanges) {
  const { record, before, creatorZone } = written;
  const unanswered =
    completedOpen(changes, before) &&
    record.rrule !== null &&
    !record.completed &&
    record.occurrence === before.occurrence;
  if (!unanswered) return answerOf(c, written);
  console.error(
    JSON.stringify({ level: 'warn', msg: 'completion left to the engine', id: record.id }),
  );
  const next = engineNext(written, new Date());
  const target = { userId: c.var.userId, id: record.id, from: before.occurrence };
  const advanced = await advanceTask(c.var.db, { ...target, skip: changes.skip ?? false }, next);
  // A second transaction: the first write's poke may have been pulled before it.
  pokeAudience(c, advanced?.audience);
  const latest = advanced?.record ?? (await getTask(c.var.db, c.var.userId, record.id));
  return answerOf(c, { record: latest ?? record, creatorZone });
}
