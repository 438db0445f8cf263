// The ledger check, straight in the database after the run: every acknowledged create exists once
// with its last acknowledged state, no retry made a duplicate, no task sits in another account.
import type { Client } from 'pg';
import { sameState, type Ledger, type OwnTask, type SharedTask, type TaskState } from './ledger.ts';

/** A soak task as stored: the checked fields and the create's marker from its description. */
export interface TaskRow {
  id: string;
  user_id: string;
  title: string;
  priority: TaskState['priority'];
  completed: boolean;
  version: number;
  marker: string | null;
}

export interface LedgerVerdict {
  /** Acknowledged tasks missing from the database, or seen missing (404) by a client. */
  lost: number;
  /** Extra rows made by retried creates. */
  duplicated: number;
  /** Tasks stored under, or shown to, the wrong account. */
  leaked: number;
  /** Tasks present but in neither their acknowledged state nor a state a pending write would give. */
  wrongState: number;
  /** Writes whose answer never came before the run ended (allowed, reported). */
  inDoubt: number;
  checkedTasks: number;
}

const stateOfRow = (row: TaskRow): TaskState => ({
  title: row.title,
  priority: row.priority,
  completed: row.completed,
  deleted: false,
});

function checkOwn(task: OwnTask, rows: TaskRow[], userIds: string[], verdict: LedgerVerdict) {
  verdict.duplicated += Math.max(0, rows.length - 1);
  const row = rows[0];
  if (row && row.user_id !== userIds[task.account]) verdict.leaked += 1;
  if (task.inDoubt || !task.createAcked) verdict.inDoubt += 1;
  if (!task.createAcked) return;
  const actual: TaskState = row ? stateOfRow(row) : { ...task.acked!, deleted: true };
  if (!row && !task.acked!.deleted && !task.inDoubt?.deleted) verdict.lost += 1;
  else if (!sameState(actual, task.acked) && !sameState(actual, task.inDoubt))
    verdict.wrongState += 1;
}

function checkShared(
  task: SharedTask,
  row: TaskRow | undefined,
  userIds: string[],
  verdict: LedgerVerdict,
) {
  if (!row) {
    verdict.lost += 1;
    return;
  }
  if (row.user_id !== userIds[task.account]) verdict.leaked += 1;
  const newestAcked = Math.max(...task.acked.keys());
  const actual = stateOfRow(row);
  const explained =
    sameState(actual, task.acked.get(row.version)) ||
    (task.inDoubt.get(row.version - 1) ?? []).some((state) => sameState(actual, state));
  if (row.version < newestAcked) verdict.lost += 1;
  else if (!explained) verdict.wrongState += 1;
  verdict.inDoubt += [...task.inDoubt.values()].reduce((sum, list) => sum + list.length, 0);
}

/** Judges the stored rows of every soak account against the ledger. */
export function judgeLedger(rows: TaskRow[], ledger: Ledger, userIds: string[]): LedgerVerdict {
  const byMarker = new Map<string, TaskRow[]>();
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const row of rows) {
    if (row.marker) byMarker.set(row.marker, [...(byMarker.get(row.marker) ?? []), row]);
  }
  const verdict: LedgerVerdict = {
    lost: ledger.missingSeen,
    duplicated: 0,
    leaked: ledger.leaksSeen,
    wrongState: 0,
    inDoubt: 0,
    checkedTasks: ledger.own.length + ledger.shared.size,
  };
  for (const task of ledger.own) checkOwn(task, byMarker.get(task.marker) ?? [], userIds, verdict);
  for (const task of ledger.shared.values()) checkShared(task, byId.get(task.id), userIds, verdict);
  return verdict;
}

/** Reads every task of the soak's accounts from PostgreSQL and judges them against the ledger. */
export async function verifyLedger(
  db: Client,
  ledger: Ledger,
  userIds: string[],
): Promise<LedgerVerdict> {
  const { rows } = await db.query<TaskRow>(
    `SELECT id::text, user_id, title, priority::text AS priority, completed, version,
            substring(description from '^\\[soak:([^\\]]+)\\]') AS marker
       FROM tasks WHERE user_id = ANY($1::uuid[])`,
    [userIds],
  );
  return judgeLedger(rows, ledger, userIds);
}
