import type { Task, TaskUpdate } from '@tasks/shared';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import type { OutboxWrite } from '$lib/offline/outbox';
import * as device from './task-device';

/** A write that met another device's version when it was sent again: the user chooses. */
export interface Conflict {
  key: string;
  /** The changes the user made (`delete`: the user deleted the task). */
  mine: TaskUpdate | 'delete';
  theirs: Task;
}

/**
 * The task store's bookkeeping of its own writes (decision 0022): what is in flight, each task's
 * queue, the temporary id a task created on this page had, the outbox journal and the replays'
 * conflicts. The tasks themselves are the store's (`TaskList`, which extends this).
 */
export class TaskWrites {
  /** Writes sent again after the network came back that met another device's version. */
  conflicts = $state<Conflict[]>([]);
  #writes = new SvelteSet<Promise<unknown>>();
  #serial = 0;
  #queues = new SvelteMap<string, Promise<unknown>>();
  /** The API's id of each task created here → the temporary id it had until then. */
  #keys = new SvelteMap<string, string>();
  #ids = new SvelteMap<string, string>();

  /** Moves on with every write started (a read that saw it change may predate a write). */
  get writeSerial(): number {
    return this.#serial;
  }

  /** Whether a write is in flight. */
  get writing(): boolean {
    return this.#writes.size > 0;
  }

  /** Runs a write; loads wait for writes in flight, so they never undo optimistic state. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    this.#serial++;
    const running = work();
    this.#writes.add(running);
    try {
      return await running;
    } finally {
      this.#writes.delete(running);
    }
  }

  /**
   * Runs writes to one task one after another, so each sends the version the one before it
   * produced (a quick second edit must not conflict with the user's own first one).
   */
  queue<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    this.#queues.set(id, next);
    const forget = () => {
      if (this.#queues.get(id) === next) this.#queues.delete(id);
    };
    next.then(forget, forget);
    return this.write(() => next);
  }

  /** Whether writes to the task are queued (checked as one finishes: more wait behind it). */
  isQueued(id: string): boolean {
    return this.#queues.has(id);
  }

  /** Resolves once every write in flight has settled (before a load, before signing out). */
  async settle(): Promise<void> {
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }

  /**
   * A task's stable key: the temporary id it was created under on this page, else its id. The
   * page keys rows, selection and queued writes by it, so nothing breaks when a create lands.
   */
  keyOf(id: string): string {
    return this.#keys.get(id) ?? id;
  }

  /** The API's id for a key (a task still being created keeps its temporary id). */
  idOf(key: string): string {
    return this.#ids.get(key) ?? key;
  }

  /** Records the id the API gave a task created under a temporary id. */
  created(temporaryId: string, id: string): void {
    this.#keys.set(id, temporaryId);
    this.#ids.set(temporaryId, id);
  }

  /** Journals a write in the device's outbox before it is sent (kept until it is answered). */
  journal = (write: OutboxWrite) => device.journal(write);
  unjournal = (entry: Promise<number | undefined>) => device.unjournal(entry);

  /** Offers the user the choice between their change and another device's version. */
  addConflict(conflict: Conflict): void {
    this.conflicts = [...this.conflicts.filter((item) => item.key !== conflict.key), conflict];
  }

  resolved(key: string): void {
    this.conflicts = this.conflicts.filter((item) => item.key !== key);
  }
}
