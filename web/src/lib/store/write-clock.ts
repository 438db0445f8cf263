/**
 * Whether a read crossed a write. A read answered after a write began may predate it, and put
 * back on screen what the write changed; such an answer is dropped and read again once no write
 * is on its way.
 */
export class WriteClock {
  /** Moves at each write's start and at its answer. */
  #ticks = 0;
  #pending = 0;
  #reread = false;

  readonly #read: () => unknown;

  constructor(read: () => unknown) {
    this.#read = read;
  }

  /** Runs a write, reading again after it if a read was dropped meanwhile. */
  async write<T>(send: () => Promise<T>): Promise<T> {
    this.#ticks++;
    this.#pending++;
    try {
      return await send();
    } finally {
      this.#ticks++;
      if (--this.#pending === 0 && this.#reread) {
        this.#reread = false;
        void this.#read();
      }
    }
  }

  /** Marks a write done elsewhere (a list left through another call). */
  tick(): void {
    this.#ticks++;
  }

  /** The time a read starts at, for `fresh`. */
  now(): number {
    return this.#ticks;
  }

  /** Whether a read begun at `start` may be applied; if not, it is read again (now or later). */
  fresh(start: number): boolean {
    if (start === this.#ticks && this.#pending === 0) return true;
    if (this.#pending > 0) this.#reread = true;
    else void this.#read();
    return false;
  }
}
