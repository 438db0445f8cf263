import type { BulkAction, BulkResult, Task, TaskCreate, TaskUpdate } from '@tasks/shared';
import { inStore } from './idb';

/**
 * A task write as the store made it, kept until it gets an answer: a create with its
 * Idempotency-Key (which is also the task's temporary id, `key`), an edit or a delete with the
 * If-Match version the task had on screen. Moves, completions and reopenings are edits. A bulk
 * action names its tasks by their keys (a task created offline has no other name yet); it has no
 * If-Match (the route takes none: each action sets one field, and repeating it changes nothing).
 */
export type OutboxWrite =
  | { kind: 'create'; key: string; body: TaskCreate }
  | {
      kind: 'edit';
      key: string;
      id: string;
      version: number;
      changes: TaskUpdate;
      occurrence?: number;
    }
  | { kind: 'delete'; key: string; id: string; version: number }
  /** The undo of a repeating task's completion or skip: `occurrence` is open again. */
  | { kind: 'occurrence'; key: string; id: string; version: number; occurrence: number }
  /**
   * The undo of a delete: the task comes back whole (no If-Match: it has no version now).
   * `task` is how it was shown, to show it again on a page reloaded before the answer.
   */
  | { kind: 'restore'; key: string; id: string; task: Task }
  | {
      kind: 'bulk';
      /** The bulk write's own key (its place in the store's write queues). */
      key: string;
      action: BulkAction['action'];
      keys: string[];
      /**
       * The id each task had then, by the index of its key: a task created earlier on this page
       * has a temporary key that a later page cannot map (absent in entries journaled before).
       */
      ids?: string[];
      /** The version each task had on screen (0: not shown), by the index of its key. */
      versions: number[];
      list_id?: string;
    };

type BulkEntry = Extract<OutboxEntry, { kind: 'bulk' }>;

export type OutboxEntry = OutboxWrite & { seq: number; user: string };

/** Journals a write for `user`; resolves with its place in the order. */
export async function enqueue(user: string, write: OutboxWrite): Promise<number> {
  const key = await inStore('outbox', 'readwrite', (store) => store.add({ ...write, user }));
  return key as number;
}

/** The write got its answer (or was given up): it leaves the outbox. */
export async function dequeue(seq: number): Promise<void> {
  await inStore('outbox', 'readwrite', (store) => store.delete(seq));
}

/** The user's writes that never got an answer, oldest first. */
export async function pending(user: string): Promise<OutboxEntry[]> {
  const all = await inStore<OutboxEntry[]>('outbox', 'readonly', (store) => store.getAll());
  return all.filter((entry) => entry.user === user).sort((a, b) => a.seq - b.seq);
}

/** Where a replayed write goes: the task's id and the version to send as If-Match. */
export interface Target {
  id: string;
  version: number;
}

/**
 * Replays the outbox in order, rewriting each write as the ones before it were answered: a
 * task created offline gets its real id from its create's answer, and every write sends the
 * version the previous write to the same task produced (they were all journaled at the version
 * shown then). A write whose task's create was refused is dropped, and so is one to a deleted
 * task, until a restore brings it back.
 */
export class ReplayPlan {
  #ids = new Map<string, string>();
  #versions = new Map<string, number>();
  #dropped = new Set<string>();
  #deleted = new Set<string>();
  #creates = new Set<string>();

  /** Notes the creates of this replay, so their later writes know to wait for the real id. */
  constructor(entries: OutboxEntry[] = []) {
    for (const entry of entries) if (entry.kind === 'create') this.#creates.add(entry.key);
  }

  /** The write's target now, or undefined when it must be dropped. */
  target(entry: OutboxEntry): Target | undefined {
    if (entry.kind === 'bulk') return undefined; // addressed by `bulkIds`
    if (entry.kind === 'create') {
      return this.#dropped.has(entry.key) ? undefined : { id: entry.key, version: 0 };
    }
    const restore = entry.kind === 'restore';
    const id = this.#idFor(entry.key, entry.id, restore);
    if (id === undefined) return undefined;
    return { id, version: restore ? 0 : (this.#versions.get(entry.key) ?? entry.version) };
  }

  /**
   * The id to send for a task's key (`known`: the id journaled), or undefined: dropped. A deleted
   * task is addressed only by its restore (`reviving`).
   */
  #idFor(key: string, known = key, reviving = false): string | undefined {
    if (this.#dropped.has(key) || (this.#deleted.has(key) && !reviving)) return undefined;
    const id = this.#ids.get(key) ?? known;
    // A write after an unanswered create still names the temporary id: nothing to address.
    return id === key && this.#creates.has(key) ? undefined : id;
  }

  /** The ids a bulk write is sent to now (its tasks that are gone or never created left out). */
  bulkIds(entry: BulkEntry): string[] {
    const reviving = entry.action === 'restore';
    return entry.keys.flatMap((key, index) => this.#idFor(key, entry.ids?.[index], reviving) ?? []);
  }

  /**
   * The bulk write's answer: later writes send the version it gave a task when that is the one
   * after the version it was journaled at (or the one the replay gave it): nothing else wrote
   * it between. Otherwise they keep theirs and meet the other write as a 412, as they should: a
   * bulk write has no If-Match, so its answer must not vouch for a change it never saw.
   * Deleted tasks are gone.
   */
  answeredBulk(entry: BulkEntry, result: BulkResult): void {
    const tasks = new Map(result.tasks.map((task) => [task.id, task]));
    const done = new Set(result.updated);
    const restore = entry.action === 'restore';
    for (const [index, key] of entry.keys.entries()) {
      const id = this.#idFor(key, entry.ids?.[index], restore);
      if (id === undefined) continue;
      const task = tasks.get(id);
      if (restore && task) {
        // Brought back whole: its version is the restore's, whatever was journaled before.
        this.#deleted.delete(key);
        this.#versions.set(key, task.version);
        continue;
      }
      const known = this.#versions.get(key) ?? entry.versions[index] ?? 0;
      if (task && known > 0 && task.version === known + 1) this.#versions.set(key, task.version);
      if (entry.action === 'delete' && done.has(id)) this.#deleted.add(key);
    }
  }

  /** The server answered the write with `task` (undefined: the task is gone). */
  answered(entry: OutboxEntry, task: Task | undefined): void {
    if (!task) return void this.#deleted.add(entry.key);
    this.#deleted.delete(entry.key);
    this.#ids.set(entry.key, task.id);
    this.#versions.set(entry.key, task.version);
  }

  /** The write was refused for good: the task's later writes cannot apply either. */
  refused(entry: OutboxEntry): void {
    if (entry.kind === 'create') this.#dropped.add(entry.key);
  }

  /** The real id of a task created in this replay (for the store's key → id map). */
  idOf(key: string): string | undefined {
    return this.#ids.get(key);
  }
}
