import type { Change, ChangeCursor } from '@tasks/shared';
import {
  apiPaths,
  ChangePageSchema,
  compareChangeCursors,
  decodeChangeCursor,
} from 'virtual:contract';
import { ApiError } from '$lib/api/api-error';
import { authorized } from '$lib/api/session';
import { latestOwnWrite, ownWritesAnswered } from './own-writes';

/** A poke can arrive before the feed's horizon has passed its write: pull again this soon. */
export const CATCH_UP_MS = [100, 250, 500, 1000];

/** Where this tab is in the change feed, and how it catches up (decision 0021). */
export class FeedCursor {
  #cursor: string | undefined;
  #pulling: Promise<void> | undefined;
  #again = false;
  #started: (() => void) | undefined;
  /**
   * Settles once the first pull has fixed where the tab follows from (or failed). A page's own
   * read starts after it, so nothing that commits between the two is missed: what the feed then
   * brings again is applied again, idempotently by version (decision 0024).
   */
  readonly started = new Promise<void>((resolve) => (this.#started = resolve));
  /** A pull failed before any cursor was fixed: whatever the page read may have been missed. */
  #unanchored = false;
  /** The pull under way applied a list row (then `#reachOwnWrites`, one at a time). */
  #listsApplied = false;
  #reaching = false;

  constructor(
    private readonly apply: (changes: Change[]) => void,
    /** The cursor is past the retention (410): re-read everything, follow from now. */
    private readonly resync: () => void,
  ) {}

  /** Pulls every change after the cursor; concurrent calls share one pull (and one more after). */
  pull(): Promise<void> {
    if (this.#pulling) {
      this.#again = true;
      return this.#pulling;
    }
    this.#pulling = this.#pullAll().finally(() => {
      this.#pulling = undefined;
      if (!this.#cursor) this.#unanchored = true;
      this.#started?.();
      if (this.#listsApplied) void this.#reachOwnWrites();
      if (this.#again) {
        this.#again = false;
        void this.pull();
      }
    });
    return this.#pulling;
  }

  /**
   * Lets the page read go ahead before any cursor is fixed (the first pull is still retrying):
   * once one is, everything is read again (`resync`), as nothing the page read can be trusted.
   */
  startWithout(): void {
    if (this.#cursor) return;
    this.#unanchored = true;
    this.#started?.();
  }

  /** Whether the cursor has reached `target` (a poke's cursor). */
  reached(target: string | ChangeCursor): boolean {
    const mine = this.#cursor && decodeChangeCursor(this.#cursor);
    const theirs = typeof target === 'string' ? decodeChangeCursor(target) : target;
    return Boolean(mine && theirs && compareChangeCursors(mine, theirs) >= 0);
  }

  /**
   * A list row read before one of this tab's writes committed carries the pending count from
   * before it, and may arrive after that write's answer moved the count: lists carry no version
   * to tell. The write's own poke pulls nothing (own-writes.ts), so the feed is pulled on until it
   * has passed this tab's writes: their list rows then bring the counts as they are. Only a page
   * that ended before an own write costs a request; a plain own write still costs none.
   */
  async #reachOwnWrites(): Promise<void> {
    this.#listsApplied = false;
    if (this.#reaching) return;
    this.#reaching = true;
    try {
      await ownWritesAnswered();
      for (const wait of [0, ...CATCH_UP_MS]) {
        const own = latestOwnWrite();
        if (!own || this.reached(own)) return;
        if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
        await this.pull().catch(() => undefined);
      }
    } finally {
      this.#reaching = false;
    }
  }

  async #pullAll(): Promise<void> {
    for (;;) {
      const query = this.#cursor ? `?cursor=${encodeURIComponent(this.#cursor)}` : '';
      let page;
      try {
        page = (await authorized(`${apiPaths.changes}${query}`, { schema: ChangePageSchema })).data;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 410) throw error;
        this.#cursor = undefined;
        this.resync();
        continue;
      }
      if (this.#cursor && page.changes.length > 0) {
        this.apply(page.changes);
        if (page.changes.some((change) => change.entity === 'list')) this.#listsApplied = true;
      }
      const anchoredLate = !this.#cursor && this.#unanchored;
      this.#cursor = page.cursor;
      if (anchoredLate) {
        this.#unanchored = false;
        this.resync();
      }
      if (!page.has_more) return;
    }
  }
}
