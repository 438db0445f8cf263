import type { List, ListRole, Member, Task } from '@tasks/shared';
import { SvelteMap } from 'svelte/reactivity';

/**
 * The lists store's state (decision 0016): the lists as shown, their pending counts moved by
 * each task write's answer, the tasks counted out while their delete waits, the members known,
 * and the lists last seen on the device (offline). `ListStore` extends it with the reads, the
 * feed and the list writes, and is the only code that changes lists.
 */
export class ListRows {
  lists = $state<List[]>([]);
  phase = $state<'loading' | 'ready' | 'error'>('loading');
  /** The Inbox first, then the user's order (position, then age, as the API sorts). */
  active = $derived(this.lists.filter((list) => !list.archived).sort(byOrder));
  archived = $derived(this.lists.filter((list) => list.archived).sort(byOrder));
  inbox = $derived(this.lists.find((list) => list.is_inbox));
  /** Tasks counted out while their delete is on its way, by the page's key. */
  protected readonly held = new SvelteMap<string, Task>();
  /** The members of shared lists whose tasks are shown (names of assignees and completers). */
  members = new SvelteMap<string, Member[]>();

  /** The lists as last seen on this device, while the network is down (not over a read). */
  restore(lists: List[]): void {
    if (this.phase === 'ready') return;
    this.lists = lists;
    this.phase = 'ready';
  }

  find(id: string | undefined): List | undefined {
    return this.lists.find((list) => list.id === id);
  }

  /** The caller's role in a list, if it is one of theirs. */
  roleOf(id: string | undefined): ListRole | undefined {
    return this.find(id)?.role;
  }

  /** Whether the caller may add, edit, complete, move and delete tasks of the list. */
  canWrite(id: string | undefined): boolean {
    const role = this.roleOf(id);
    return role === 'owner' || role === 'editor';
  }

  /** Lists a task can be moved to or created in. */
  writable = $derived(this.active.filter((list) => list.role !== 'viewer'));

  /**
   * Moves the pending counts from a task as it was (undefined: new) to as it is (undefined:
   * deleted), as the database's counters did for the same write.
   */
  recount(before: Task | undefined, after: Task | undefined): void {
    for (const [task, by] of [
      [before, -1],
      [after, 1],
    ] as const) {
      const list = task && !task.completed ? this.find(task.list_id) : undefined;
      if (list) list.pending_count = Math.max(0, list.pending_count + by);
    }
  }

  /** Counts out a task whose delete is on its way (the page hides it meanwhile). */
  hold(key: string, task: Task): void {
    this.held.set(key, task);
    this.recount(task, undefined);
  }

  /** The held task was deleted (`restore` false) or is shown again (`restore` true). */
  release(key: string, restore: boolean): void {
    const task = this.held.get(key);
    this.held.delete(key);
    if (task && restore) this.recount(undefined, task);
  }

  /** A member's name (or e-mail) in a list, if known. */
  memberName(id: string, userId: string | null): string | undefined {
    if (!userId) return undefined;
    const member = this.members.get(id)?.find((item) => item.user_id === userId);
    return member && (member.name || member.email);
  }

  /** The members of a list as a write answered them (undefined: read them again when needed). */
  setMembers(id: string, members: Member[] | undefined): void {
    if (!members) return void this.members.delete(id);
    this.members.set(id, members);
    const list = this.find(id);
    if (list) list.member_count = members.length;
  }

  protected put(saved: List): void {
    const index = this.lists.findIndex((list) => list.id === saved.id);
    if (index < 0) this.lists.push(saved);
    else this.lists[index] = saved;
  }
}

/** The Inbox first, then position, then age (ties as the API breaks them). */
function byOrder(a: List, b: List): number {
  if (a.is_inbox !== b.is_inbox) return a.is_inbox ? -1 : 1;
  return a.position - b.position || a.created_at.localeCompare(b.created_at);
}
