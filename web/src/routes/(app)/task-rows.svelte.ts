import type { Task, TaskCounts } from '@tasks/shared';
import { SvelteMap, SvelteSet } from 'svelte/reactivity';
import { UPCOMING_DAYS } from 'virtual:contract';
import { fitsView } from '$lib/due/day-groups';
import { userZone } from '$lib/due/user-zone.svelte';
import type { ListStore } from '$lib/store/lists.svelte';
import { NO_COUNTS, recount } from './task-counts';
import type { TaskScope, TaskView } from './task-query';
import { TaskWrites } from './task-writes.svelte';

/**
 * The task store's rows: the tasks a page shows, those hidden by a delete on its way,
 * and the counts, moved with every change of a row (`recount`, the lists' pending counts too).
 * `TaskList` extends it with the reads, the feed and the bulk answers.
 */
export class TaskRows extends TaskWrites {
  view: TaskView;
  scope: TaskScope;
  readonly lists: ListStore | undefined;
  tasks = $state<Task[]>([]);
  /** Keys (see keyOf) of tasks deleted whose delete is not answered yet (or being cleared). */
  hidden = new SvelteSet<string>();
  /** Keys of tasks with a write in flight. */
  saving = new SvelteSet<string>();
  /** Every task's counts (not only the loaded ones'), and the most used tags. */
  counts = $state<TaskCounts>(structuredClone(NO_COUNTS));
  visible = $derived(this.tasks.filter((task) => !this.hidden.has(this.keyOf(task.id))));
  /** Tasks hidden by a delete not answered yet, as they were, by key. */
  protected readonly deleting = new SvelteMap<string, Task>();

  constructor(view: TaskView, scope: TaskScope, lists?: ListStore) {
    super();
    this.view = view;
    this.scope = scope;
    this.lists = lists;
  }

  /** Hides a task the user deleted, counting it out, until its delete is sent or undone. */
  hideDeleted(key: string, task: Task): void {
    this.hidden.add(key);
    this.deleting.set(key, task);
    recount(this.counts, task, undefined);
    this.lists?.hold(key, task);
  }

  /**
   * Shows a hidden deleted task again (Undo, or the delete failed) and counts it back in. `of`,
   * the task as `hideDeleted` got it, names which delete: a refusal of an earlier one (deleted,
   * undone, deleted again) leaves the later one hidden.
   */
  unhideDeleted(key: string, of?: Task): void {
    const task = this.deleting.get(key);
    if (of && task !== of) return;
    this.hidden.delete(key);
    this.deleting.delete(key);
    if (task) recount(this.counts, undefined, task);
    this.lists?.release(key, true);
  }

  /**
   * The server deleted the hidden task (`of`: as `hideDeleted` got it): it leaves the list; the
   * counts already left it out. Undone meanwhile (shown again, its restore queued behind the
   * delete), it stays; deleted again since, it waits for that delete, the restore between them
   * giving the row the version the second one must send.
   */
  deleted(key: string, of: Task): void {
    if (this.deleting.get(key) !== of) return;
    this.deleting.delete(key);
    this.hidden.delete(key);
    this.lists?.release(key, false);
    this.remove(key);
  }

  /** Shows a deleted task again at once (its restore is on its way), counted back in. */
  showAgain(key: string, before: Task): void {
    if (this.deleting.has(key)) return this.unhideDeleted(key);
    if (this.find(key)) return;
    this.recount(undefined, before);
    if (this.fitsStatus(before)) this.insert(before);
  }

  /** The restore of a task shown again as `before` was answered with `task`. */
  restored(key: string, before: Task, task: Task): void {
    this.recount(before, task);
    if (!this.find(key)) return;
    if (this.fitsStatus(task)) this.replace(task, key);
    else this.remove(key);
  }

  /** A task shown again could not be restored: it leaves again. */
  gone(key: string, before: Task): void {
    this.recount(before, undefined);
    this.remove(key);
  }

  /** Moves the counts from a task as it was (undefined: new) to as it is (undefined: deleted). */
  recount(before: Task | undefined, after: Task | undefined): void {
    recount(this.counts, before, after);
    this.lists?.recount(before, after);
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

  /**
   * Shows the tasks (by key) as moved to `listId` before the server answers (offline, until the
   * network is back): they leave a view of their old list. The counts move with the answer.
   */
  showMoved(keys: string[], listId: string): void {
    for (const key of keys) {
      const task = this.find(key);
      if (!task) continue;
      task.list_id = listId;
      if (!this.fitsStatus(task)) this.remove(key);
    }
  }

  /** Whether a task belongs in the current view's status filter, its list and its days. */
  fitsStatus(task: Task): boolean {
    if (this.scope.listId !== undefined && task.list_id !== this.scope.listId) return false;
    const { time } = this.scope;
    if (time && !fitsView(task, time, userZone.value, UPCOMING_DAYS)) return false;
    return this.view.status === 'all' || (this.view.status === 'completed') === task.completed;
  }
}
