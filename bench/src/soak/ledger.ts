// What the API acknowledged, per task, as the clients saw it. The verdict compares it with the
// database: an acknowledged state must be there; a write whose answer never came may or may not be.

/** The fields the soak writes and later checks in the database. */
export interface TaskState {
  title: string;
  priority: 'High' | 'Medium' | 'Low';
  completed: boolean;
  deleted: boolean;
}

/** A task one client created and alone edits (no races): checked by content. */
export interface OwnTask {
  marker: string;
  account: number;
  /** Known once the create is acknowledged. */
  id?: string;
  createAcked: boolean;
  /** The last acknowledged state (the created one, then each acknowledged change). */
  acked?: TaskState;
  /** A change sent after `acked` whose answer never came: the database may hold it instead. */
  inDoubt?: TaskState;
}

/** A task every client of one account races on with `If-Match`: checked by version. */
export interface SharedTask {
  id: string;
  account: number;
  /** Acknowledged states by the version the API returned with them. */
  acked: Map<number, TaskState>;
  /** Writes sent with `If-Match: "v"` whose answer never came: they would have made version v+1. */
  inDoubt: Map<number, TaskState[]>;
}

export class Ledger {
  readonly own: OwnTask[] = [];
  readonly shared = new Map<string, SharedTask>();
  /** Task ids by the account that owns them, to spot another account's task in a response. */
  readonly owner = new Map<string, number>();
  /** Tasks a client saw that belong to another account (from lists and cross-account reads). */
  leaksSeen = 0;
  /** Acknowledged tasks the API itself said were missing (a 404 on a task that must exist). */
  missingSeen = 0;
  /** If-Match races lost with 412: expected, counted to show the races happened. */
  conflicts = 0;

  addShared(id: string, account: number, version: number, state: TaskState) {
    this.shared.set(id, { id, account, acked: new Map([[version, state]]), inDoubt: new Map() });
    this.owner.set(id, account);
  }

  sharedInDoubt(task: SharedTask, fromVersion: number, state: TaskState) {
    const list = task.inDoubt.get(fromVersion) ?? [];
    list.push(state);
    task.inDoubt.set(fromVersion, list);
  }
}

/** A task as the API returns it, reduced to what the ledger tracks. */
export function stateOf(task: {
  title: string;
  priority: TaskState['priority'];
  completed: boolean;
}): TaskState {
  return { title: task.title, priority: task.priority, completed: task.completed, deleted: false };
}

export function sameState(a: TaskState | undefined, b: TaskState | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.deleted || b.deleted) return a.deleted === b.deleted;
  return a.title === b.title && a.priority === b.priority && a.completed === b.completed;
}
