import type { Change, Task } from '@tasks/shared';
import { SvelteSet } from 'svelte/reactivity';
import { LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX } from 'virtual:contract';
import { getCounts, listTasks } from '$lib/api/tasks';
import * as lastKnown from './task-last-known.svelte';
import type { ListStore } from '$lib/store/lists.svelte';
import { recount } from './task-counts';
import { listParams, type TaskScope, type TaskView } from './task-query';
import { TaskRows } from './task-rows.svelte';

export type { Conflict } from './task-writes.svelte';

/**
 * The tasks the page shows for one view of a scope, loaded page by page (the API's `Link`
 * header), and the counts, loaded with the page and then moved by each write's own answer
 * (`recount`, also the lists' pending counts), so a write is one request; what other devices
 * changed comes from the feed, what bulk work changed from its answer. The rows and their counts
 * are task-rows.svelte.ts; the mutations the UI makes live in task-actions.svelte.ts.
 */
export class TaskList extends TaskRows {
  next = $state<string | undefined>();
  phase = $state<'loading' | 'ready' | 'error'>('loading');
  loadError = $state('');
  loadingMore = $state(false);
  /** Shown from the device's last known state while the network is down. */
  stale = $state(false);

  #controller: AbortController | undefined;
  /** Feed changes that arrived while a page read was on its way: applied again after it. */
  #replay: Change[] | undefined;

  constructor(
    view: TaskView,
    scope: TaskScope,
    lists?: ListStore,
    /** Settles once the feed's starting cursor is fixed: every page read starts after it. */
    private readonly feedStarted: Promise<void> = Promise.resolve(),
  ) {
    super(view, scope, lists);
  }

  /**
   * Loads the first page of `view` (and the counts), replacing what is shown. A page read while
   * one of our writes was in flight may predate it, so it is read again once they settle.
   */
  async load(
    view: TaskView,
    scope: TaskScope = this.scope,
    limit: number = LIST_LIMIT_DEFAULT,
  ): Promise<void> {
    // Another page's tasks are not this one's: show the loading state, not an empty list.
    if (scope.path !== this.scope.path) {
      this.tasks = [];
      this.phase = 'loading';
    }
    this.view = view;
    this.scope = scope;
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    if (this.phase !== 'ready') this.phase = 'loading';
    const stopWatching = lastKnown.whenOffline(() => void this.#showLastKnown(controller));
    try {
      // Read after the feed's cursor, never before: a change committed between would be lost.
      await this.feedStarted;
      for (;;) {
        await this.settle();
        const serial = this.writeSerial;
        this.#replay = [];
        const [page, counts] = await Promise.all([
          listTasks(listParams(view, scope, limit), controller.signal),
          getCounts(controller.signal),
        ]);
        if (controller.signal.aborted) return;
        if (serial !== this.writeSerial || this.writing) continue;
        this.tasks = page.tasks;
        // The server may still count the tasks whose delete is on its way: the page does not.
        for (const task of this.deleting.values()) recount(counts, task, undefined);
        this.counts = counts;
        this.next = page.next;
        this.phase = 'ready';
        this.stale = false;
        // The page may predate changes the feed brought meanwhile; newer versions win again.
        const missed = this.#replay;
        this.#replay = undefined;
        this.applyChanges(missed);
        return;
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#replay = undefined;
      this.loadError = error instanceof Error ? error.message : 'Could not load your tasks.';
      this.phase = 'error';
    } finally {
      stopWatching();
    }
  }

  /** Shows what this view showed last on the device, if the load has not shown anything yet. */
  async #showLastKnown(controller: AbortController): Promise<void> {
    // Loaded here, not with `/`: only an offline open needs it.
    const [snapshot, waiting, left] = await Promise.all([
      lastKnown.recall(this.view, this.scope),
      lastKnown.leftBehind(),
      import('./task-left-behind').catch(() => undefined),
    ]);
    if (!snapshot || controller.signal.aborted || this.phase === 'ready') return;
    this.tasks = snapshot.tasks;
    this.counts = snapshot.counts;
    this.next = snapshot.next;
    this.phase = 'ready';
    this.stale = true;
    this.lists?.restore(snapshot.lists);
    left?.showLeftBehind(this, waiting);
  }

  /**
   * Keeps what is shown on the device (tasks waiting to be deleted left out) for offline use;
   * false while nothing is shown yet.
   */
  persist(): boolean {
    if (this.phase !== 'ready') return false;
    lastKnown.remember(this.view, this.scope, this.visible, this.counts, this.lists, this.next);
    return true;
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

  /**
   * Re-reads what is shown, as many tasks as are loaded, and the lists' counts (after bulk work,
   * a failed write or another tab's change).
   */
  reload(): void {
    const limit = Math.min(Math.max(this.tasks.length, LIST_LIMIT_DEFAULT), LIST_LIMIT_MAX);
    void this.load(this.view, this.scope, limit);
    void this.lists?.load();
  }

  /**
   * Applies changes from the feed (other devices, other members): a shown task takes a newer
   * version or leaves; a task this page does not know makes it re-read what it shows. Tasks with
   * a write of ours in flight are left to that write's answer. Only the filter counts move: every
   * task change that moves a list's pending count also brings that list, count included, to the
   * lists store (the feed trigger), so moving it here as well counted it twice.
   */
  applyChanges(changes: Change[]): void {
    // A page read is on its way: its answer replaces what is shown, then these apply to it.
    if (this.#replay) return void this.#replay.push(...changes);
    let unknown = false;
    for (const change of changes) {
      if (change.entity !== 'task' || this.isQueued(this.keyOf(change.id))) continue;
      const shown = this.find(change.id);
      if (change.op === 'delete') {
        if (shown) recount(this.counts, shown, undefined);
        if (shown) this.remove(change.id);
      } else if (!shown) {
        unknown ||= !this.deleting.has(this.keyOf(change.id));
      } else if (change.data.version > shown.version) {
        recount(this.counts, shown, change.data);
        if (this.fitsStatus(change.data)) this.replace(change.data);
        else this.remove(change.id);
      }
    }
    if (unknown) this.reload();
  }

  /**
   * Takes what a bulk answer carries: `changed`, the tasks as they are now (a shown one takes the
   * newer version, or leaves the view), and `deleted`, ids gone. `before` says how each task was
   * (read before the write, or an earlier answer), to move the counts. A changed task the page
   * does not show but that now belongs in it makes the page re-read (its place is the server's).
   */
  applyBulk(changed: Task[], deleted: string[], before: ReadonlyMap<string, Task>): void {
    let unknown = false;
    for (const id of deleted) {
      const was = before.get(id) ?? this.find(id);
      if (was) this.recount(was, undefined);
      this.remove(id);
    }
    for (const task of changed) {
      const shown = this.find(task.id);
      // Already this version (or newer): the feed brought it and counted it.
      if (shown && shown.version >= task.version) continue;
      const was = before.get(task.id) ?? shown;
      if (was) this.recount(was, task);
      if (shown && this.fitsStatus(task)) this.replace(task);
      else if (shown) this.remove(task.id);
      else unknown ||= !was || this.fitsStatus(task);
    }
    if (unknown) this.reload();
  }
}
