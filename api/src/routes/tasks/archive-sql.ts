import { sql, type SQL } from 'drizzle-orm';

// A delete keeps the task whole in `deleted_tasks` (decision 0034), in its own statement: the
// archive is a CTE reading the history and the reminder schedule from the statement's snapshot,
// which still holds the rows the delete's cascade removes when the statement ends.

/**
 * The body of a CTE archiving what the data-modifying CTE `deleted` removed; `deleted` returns
 * `id`, `list_id` and `task` (`to_jsonb` of the row). A task deleted again after a restore
 * replaces its earlier archive.
 */
export const archiveDeleted = (userId: string): SQL => sql`
  insert into deleted_tasks (task_id, list_id, deleted_by, task, history, schedule)
  select d.id, d.list_id, ${userId}::uuid, d.task,
    coalesce((select jsonb_agg(to_jsonb(h)) from task_history h where h.task_id = d.id), '[]'),
    coalesce((select jsonb_agg(to_jsonb(s)) from reminder_schedule s where s.task_id = d.id), '[]')
  from deleted d
  on conflict (task_id) do update set list_id = excluded.list_id,
    deleted_by = excluded.deleted_by, deleted_at = excluded.deleted_at, task = excluded.task,
    history = excluded.history, schedule = excluded.schedule
  returning task_id`;
