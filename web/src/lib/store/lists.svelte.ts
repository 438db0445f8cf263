import type { Change, List, ListColor, ListUpdate } from '@tasks/shared';
import { getContext, setContext } from 'svelte';
import { SvelteMap } from 'svelte/reactivity';
import * as api from '$lib/api/lists';
import { listMembers } from '$lib/api/members';
import { tellOtherTabs } from '$lib/tab-sync';
import { ListRows } from './list-rows.svelte';
import { withMemberChange } from './member-changes';
import { WriteClock } from './write-clock';

const KEY = Symbol('lists');

/**
 * The signed-in user's lists, as the sidebar and the task views show them. The only code that
 * changes lists: every list write goes through here, and the pending counts move by each task
 * write's own answer (`recount`), so a task edit stays one request.
 */
export class ListStore extends ListRows {
  #loading: AbortController | undefined;
  /** A read that crossed a write is not applied (it would undo the write on screen). */
  #clock = new WriteClock(() => this.load());
  #loadingMembers = new SvelteMap<string, Promise<void>>();
  /** Per list: a members read that crossed a membership write or change is read again. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping no view reads
  #memberClocks = new Map<string, WriteClock>();
  /** Settles once the feed's starting cursor is fixed (set by the layout): reads start after it. */
  feedStarted: Promise<void> = Promise.resolve();
  /** Whether the feed changed a list while a read was on its way (lists carry no version). */
  #changedDuringRead = false;

  /** Reads the lists again (on start, on a new page, after bulk work or another tab's change). */
  async load(): Promise<void> {
    this.#loading?.abort();
    const controller = (this.#loading = new AbortController());
    try {
      await this.feedStarted;
      const start = this.#clock.now();
      this.#changedDuringRead = false;
      const lists = await api.listLists(controller.signal);
      if (controller.signal.aborted || !this.#clock.fresh(start)) return;
      // The read may predate a list change the feed applied meanwhile: read once more.
      if (this.#changedDuringRead) return void this.load();
      this.lists = lists;
      // Members read before someone joined or left are stale: read them again when needed.
      for (const [id, members] of this.members) {
        if (this.find(id)?.member_count !== members.length) this.members.delete(id);
      }
      // The server may still count the tasks whose delete is on its way: the page does not.
      for (const task of this.held.values()) this.recount(task, undefined);
      this.phase = 'ready';
    } catch {
      if (controller.signal.aborted) return;
      if (this.phase !== 'ready') this.phase = 'error';
    }
  }

  /**
   * Applies the feed's list and membership changes (other devices, other members): a list as
   * its member sees it now (name, colour, archived, counts, the caller's role), a list gone
   * (deleted, or the caller lost access), a member added, changed or removed. Answers the lists
   * that went away, so the page on one of them can say so.
   */
  applyChanges(changes: Change[]): List[] {
    const gone: List[] = [];
    for (const change of changes) {
      if (change.entity === 'list') {
        this.#changedDuringRead = true;
        const known = this.find(change.id);
        if (change.op === 'delete') {
          if (known) gone.push(known);
          this.forget(change.id);
        } else {
          this.put(change.data);
          // The server may still count the tasks whose delete is on its way: the page does not.
          for (const task of this.held.values()) {
            if (task.list_id === change.id) this.recount(task, undefined);
          }
        }
      } else if (change.entity === 'membership') {
        const listId = change.id.split(':')[0] ?? '';
        this.#memberClock(listId).tick();
        const members = this.members.get(listId);
        if (members) this.members.set(listId, withMemberChange(members, change));
      }
    }
    return gone;
  }

  async create(name: string, color: ListColor): Promise<List> {
    const list = await this.#clock.write(() => api.createList({ name, color }));
    this.put(list);
    tellOtherTabs({ type: 'lists-changed' });
    return list;
  }

  /** Renames, recolours or (un)archives a list, keeping the pending count the page has moved. */
  async update(id: string, changes: ListUpdate): Promise<List> {
    const answer = await this.#clock.write(() => api.updateList(id, changes));
    // A list write moves no count, and its answer may predate a task write on its way whose
    // count the page has already moved (the server may run the rename first): the page's stands.
    const shown = this.find(id);
    const saved = shown ? { ...answer, pending_count: shown.pending_count } : answer;
    this.put(saved);
    tellOtherTabs({ type: 'lists-changed' });
    return saved;
  }

  async remove(id: string): Promise<void> {
    await this.#clock.write(() => api.deleteList(id));
    this.forget(id);
    tellOtherTabs({ type: 'lists-changed' });
  }

  /** Drops a list the caller no longer has (deleted, left, removed from it). */
  forget(id: string): void {
    this.#clock.tick();
    this.lists = this.lists.filter((list) => list.id !== id);
    this.members.delete(id);
  }

  /**
   * Moves a list one place up or down among the active lists (the Inbox stays first). Positions
   * are per user; the lists are renumbered in their new order and only those whose position
   * changed are written (two for a swap of distinct positions).
   */
  async move(id: string, step: 1 | -1): Promise<void> {
    const order = this.active.filter((list) => !list.is_inbox);
    const index = order.findIndex((list) => list.id === id);
    const target = index + step;
    if (index < 0 || target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target]!, order[index]!];
    // The Inbox is shown first whatever its position; the others count from 1.
    const writes = order.flatMap((list, at) =>
      list.position === at + 1 ? [] : [{ list, position: at + 1 }],
    );
    for (const { list, position } of writes) list.position = position;
    try {
      await Promise.all(writes.map(({ list, position }) => this.update(list.id, { position })));
    } catch (error) {
      await this.load();
      throw error;
    }
  }

  /** Loads a list's members once, or again (`fresh`: the share dialog opens). */
  loadMembers(id: string, fresh = false): Promise<void> {
    const running = this.#loadingMembers.get(id);
    if (running) return running;
    if (this.members.has(id) && !fresh) return Promise.resolve();
    const clock = this.#memberClock(id);
    const start = clock.now();
    // Settled before `fresh`, which may read again at once: that read must not join this one.
    const done = () => void this.#loadingMembers.delete(id);
    const loading = listMembers(id).then((members) => {
      done();
      if (clock.fresh(start)) this.setMembers(id, members);
    }, done);
    this.#loadingMembers.set(id, loading);
    return loading;
  }

  /**
   * Runs a membership write of list `id` (role, removal). A members read on its way meanwhile
   * (the share dialog reads on open) may predate it and would put the old role back on screen:
   * such a read is dropped and made again after the write.
   */
  writeMembers<T>(id: string, send: () => Promise<T>): Promise<T> {
    return this.#memberClock(id).write(send);
  }

  #memberClock(id: string): WriteClock {
    let clock = this.#memberClocks.get(id);
    if (!clock) {
      clock = new WriteClock(() => this.loadMembers(id, true));
      this.#memberClocks.set(id, clock);
    }
    return clock;
  }
}

/** Makes `store` the lists of every component below the caller (the app's layout). */
export function provideLists(store: ListStore): ListStore {
  return setContext(KEY, store);
}

/** The app's lists (set by the (app) layout). */
export function useLists(): ListStore {
  return getContext<ListStore>(KEY);
}
