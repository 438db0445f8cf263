// A soak follower: a device that only follows the change feed of one account, as the web does
// (decision 0024): the starting cursor first, then a snapshot of every task, then a pull of
// `GET /changes` on each poke of its live socket, on each (re)connection and every few seconds,
// through every fault. It keeps each task's last delivered version; the verdict compares that
// with the database once the writers have stopped.
import { apiPaths, ChangePageSchema, type Change, type Task } from '@tasks/shared';
import { fetch as upgradeFetch } from 'miniflare';
import { isTransient, send, sleep, type Reply, type Tally } from './http.ts';

/** What the follower holds of a task: the fields the soak checks, by version. */
export interface HeldTask {
  version: number;
  title: string;
  priority: string;
  completed: boolean;
}

/** Missed pokes are repaired at the latest this often (the web: every minute, and on focus). */
const REPAIR_MS = 3_000;
const RETRY_MAX_MS = 2_000;

export class SoakFollower {
  readonly tasks = new Map<string, HeldTask>();
  pulls = 0;
  pokes = 0;
  connections = 0;
  /** A task delivered in an older version than one already held: the feed went backwards. */
  regressions = 0;
  /** Pulls that ended in an answer no follower should get (not a fault's 5xx, which is retried). */
  failures: string[] = [];
  #cursor = '';
  #pulling: Promise<void> | undefined;
  #again = false;
  #socket: WebSocket | undefined;
  #stopped = false;

  constructor(
    readonly userId: string,
    private readonly token: string,
    private readonly origin: string,
    private readonly tally: Tally,
  ) {}

  /** The starting cursor, then the snapshot: a change committed in between comes through both. */
  async start(): Promise<void> {
    const first = await this.#get(apiPaths.changes);
    this.#cursor = ChangePageSchema.parse(first.body).cursor;
    let next: string | undefined = `${apiPaths.tasks}?status=all&limit=100`;
    while (next) {
      const page = await this.#get(next);
      for (const task of page.body as Task[]) this.#hold(task);
      const link = /<([^>]+)>;\s*rel="?next"?/.exec(page.headers.get('link') ?? '');
      const url = link && new URL(link[1]!, this.origin);
      next = url ? url.pathname + url.search : undefined;
    }
    void this.#connect();
  }

  /** Follows until `stop`: a repair pull every few seconds besides the pokes. */
  async run(done: () => boolean): Promise<void> {
    while (!done()) {
      await sleep(REPAIR_MS);
      await this.pull();
    }
  }

  /** Pulls until caught up; concurrent calls share one pull (and one more after it). */
  pull(): Promise<void> {
    if (this.#pulling) {
      this.#again = true;
      return this.#pulling;
    }
    this.#pulling = this.#pullAll()
      .catch((error: unknown) => void this.failures.push(String(error)))
      .finally(() => {
        this.#pulling = undefined;
        if (this.#again) {
          this.#again = false;
          void this.pull();
        }
      });
    return this.#pulling;
  }

  /** One whole pull that starts after every earlier one has ended (the end of the run). */
  async catchUp(): Promise<void> {
    while (this.#pulling) await this.#pulling;
    await this.pull();
    while (this.#pulling) await this.#pulling;
  }

  stop(): void {
    this.#stopped = true;
    this.#socket?.close(1000, 'soak done');
  }

  async #pullAll(): Promise<void> {
    for (;;) {
      const page = ChangePageSchema.parse(
        (await this.#get(`${apiPaths.changes}?cursor=${encodeURIComponent(this.#cursor)}`)).body,
      );
      this.pulls += 1;
      for (const change of page.changes) this.#apply(change);
      this.#cursor = page.cursor;
      if (!page.has_more) return;
    }
  }

  #apply(change: Change): void {
    if (change.entity !== 'task') return;
    if (change.op === 'delete') this.tasks.delete(change.id);
    else this.#hold(change.data);
  }

  #hold(task: Task): void {
    const held = this.tasks.get(task.id);
    if (held && held.version > task.version) return void (this.regressions += 1);
    const { version, title, priority, completed } = task;
    this.tasks.set(task.id, { version, title, priority, completed });
  }

  /** A GET retried through outages and restarts until it answers 200 (the feed never 410s here). */
  async #get(path: string): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      const reply = await send(this.origin, this.tally, { method: 'GET', path, token: this.token });
      if (reply.status === 200) return reply;
      if (!isTransient(reply)) throw new Error(`follower GET ${path} → ${reply.status}`);
      await sleep(Math.min(RETRY_MAX_MS, 100 * 2 ** attempt));
    }
  }

  /** The live socket: a fresh ticket per connection, reconnected with backoff, a pull on open. */
  async #connect(attempt = 0): Promise<void> {
    if (this.#stopped) return;
    const retry = () =>
      sleep(Math.min(RETRY_MAX_MS, 200 * 2 ** attempt)).then(() => this.#connect(attempt + 1));
    const ticket = await send(this.origin, this.tally, {
      method: 'POST',
      path: apiPaths.liveTicket,
      token: this.token,
    });
    if (ticket.status !== 201) return retry();
    let socket: WebSocket | null = null;
    try {
      const url = `${this.origin}${apiPaths.live}?ticket=${(ticket.body as { ticket: string }).ticket}`;
      socket = (await upgradeFetch(url, { headers: { upgrade: 'websocket' } }))
        .webSocket as WebSocket | null;
    } catch {
      // The worker is restarting: try again.
    }
    if (!socket) return retry();
    (socket as unknown as { accept: () => void }).accept();
    this.#socket = socket;
    this.connections += 1;
    socket.addEventListener('message', () => {
      this.pokes += 1;
      void this.pull();
    });
    socket.addEventListener('close', () => void this.#connect());
    void this.pull();
  }
}
