import type { Task, TaskCounts } from '@tasks/shared';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from 'virtual:contract';
import { getCounts, listTasks } from '$lib/api/tasks';
import { NO_COUNTS, recount } from './task-counts';
import { listParams, type TaskStatus, type TaskView } from './task-query';

/**
 * The tasks the page shows for one view, loaded page by page (the API's `Link` header), and the
 * counts, loaded with the page and then moved by each write's own answer (`recount`), so a write
 * is one request. Mutations live in task-actions.svelte.ts.
 */
export class TaskList {
  view: TaskView;
  tasks = $state<Task[]>([]);
  next = $state<string | undefined>();
  phase = $state<'loading' | 'ready' | 'error'>('loading');
  loadError = $state('');
  loadingMore = $state(false);
  /** Keys (see keyOf) of tasks waiting out their undo window before they are deleted. */
  hidden = new SvelteSet<string>();
  /** Keys of tasks with a write in flight. */
  saving = new SvelteSet<string>();
  /** Every task's counts (not only the loaded ones'), and the most used tags. */
  counts = $state<TaskCounts>(structuredClone(NO_COUNTS));
  visible = $derived(this.tasks.filter((task) => !this.hidden.has(this.keyOf(task.id))));

  /** Tasks hidden by a delete that has not been sent yet (its Undo window), by key. */
  #deleting = new SvelteMap<string, Task>();
  #controller: AbortController | undefined;
  #writes = new SvelteSet<Promise<unknown>>();
  #writeSerial = 0;
  #queues = new SvelteMap<string, Promise<unknown>>();
  /** The API's id of each task created here → the temporary id it had until then. */
  #keys = new SvelteMap<string, string>();
  #ids = new SvelteMap<string, string>();

  constructor(view: TaskView) {
    this.view = view;
  }

  /**
   * Loads the first page of `view` (and the counts), replacing what is shown. A page read while
   * one of our writes was in flight may predate it, so it is read again once they settle.
   */
  async load(view: TaskView, limit: number = LIST_LIMIT_DEFAULT): Promise<void> {
    this.view = view;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    if (this.phase !== 'ready') this.phase = 'loading';
    try {
      for (;;) {
        await this.settle();
        const serial = this.#writeSerial;
        const [page, counts] = await Promise.all([
          listTasks(listParams(view, limit), controller.signal),
          getCounts(controller.signal),
        ]);
        if (controller.signal.aborted) return;
        if (serial !== this.#writeSerial || this.#writes.size > 0) continue;
        this.tasks = page.tasks;
        // The server still counts the tasks waiting out their Undo window: the page does not.
        for (const task of this.#deleting.values()) recount(counts, task, undefined);
        this.counts = counts;
        this.next = page.next;
        this.phase = 'ready';
        return;
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      this.loadError = error instanceof Error ? error.message : 'Could not load your tasks.';
      this.phase = 'error';
    }
  }

  /** Appends the next page, if there is one. */
  async loadMore(): Promise<void> {
    if (!this.next || this.loadingMore || this.phase !== 'ready') return;
    this.loadingMore = true;
    try {
      const page = await listTasks(this.next, this.#controller?.signal);
      const known = new SvelteSet(this.tasks.map((task) => task.id));
      this.tasks.push(...page.tasks.filter((task) => !known.has(task.id)));
      this.next = page.next;
    } finally {
      this.loadingMore = false;
    }
  }

  /** Re-reads what is shown, as many tasks as are loaded (after another tab's change). */
  reload(): void {
    const limit = Math.min(Math.max(this.tasks.length, LIST_LIMIT_DEFAULT), LIST_LIMIT_MAX);
    void this.load(this.view, limit);
  }

  /** Hides a task the user deleted, counting it out, until its delete is sent or undone. */
  hideDeleted(key: string, task: Task): void {
    this.hidden.add(key);
    this.#deleting.set(key, task);
    this.recount(task, undefined);
  }

  /** Shows a hidden deleted task again (Undo, or the delete failed) and counts it back in. */
  unhideDeleted(key: string): void {
    const task = this.#deleting.get(key);
    this.hidden.delete(key);
    this.#deleting.delete(key);
    if (task) this.recount(undefined, task);
  }

  /** The server deleted the hidden task: it leaves the list; the counts already left it out. */
  deleted(key: string): void {
    this.#deleting.delete(key);
    this.remove(key);
  }

  /** Moves the counts from a task as it was (undefined: new) to as it is (undefined: deleted). */
  recount(before: Task | undefined, after: Task | undefined): void {
    recount(this.counts, before, after);
  }

  /** Every id with `status` on the server (all pages), for actions on "all" tasks. */
  async allIds(status: Exclude<TaskStatus, 'all'>): Promise<string[]> {
    const ids: string[] = [];
    let page = await listTasks({ status, limit: LIST_LIMIT_MAX });
    ids.push(...page.tasks.map((task) => task.id));
    while (page.next) {
      page = await listTasks(page.next);
      ids.push(...page.tasks.map((task) => task.id));
    }
    return ids;
  }

  /** Runs a write; loads wait for writes in flight, so they never undo optimistic state. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    this.#writeSerial++;
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

  #same(task: Task, id: string): boolean {
    return this.keyOf(task.id) === this.keyOf(id);
  }

  /** The task with this id or key. */
  find(id: string): Task | undefined {
    return this.tasks.find((task) => this.#same(task, id));
  }

  /** Puts `task` where the task with its key (or `previousId`'s) is. */
  replace(task: Task, previousId = task.id): void {
    const index = this.tasks.findIndex((item) => this.#same(item, previousId));
    if (index >= 0) this.tasks[index] = task;
  }

  insert(task: Task): void {
    this.tasks.unshift(task);
  }

  remove(id: string): void {
    this.tasks = this.tasks.filter((task) => !this.#same(task, id));
  }

  /** Whether a task belongs in the current view's status filter. */
  fitsStatus(task: Task): boolean {
    return this.view.status === 'all' || (this.view.status === 'completed') === task.completed;
  }
}
