// One soak client: a loop of mixed operations as one user of one account, writing down in the
// ledger everything the API acknowledged. Writes to its own tasks are retried until answered
// (creates with the same Idempotency-Key); races on the account's shared tasks use If-Match and
// are never retried, since a retry of a write that went through would be refused as stale.
import { randomUUID } from 'node:crypto';
import { apiPaths, type Task } from '@tasks/shared';
import { isTransient, retryDelayMs, send, sleep, type Reply, type RequestOptions } from './http.ts';
import type { ClientContext, SoakAccount } from './context.ts';
import { stateOf, type OwnTask, type TaskState } from './ledger.ts';

const PRIORITIES = ['High', 'Medium', 'Low'] as const;
const WEIGHTS = {
  create: 24,
  edit: 12,
  toggle: 12,
  delete: 7,
  bulk: 6,
  race: 16,
  list: 17,
  probe: 6,
};
type Op = keyof typeof WEIGHTS;

export class SoakClient {
  private readonly account: number;
  private readonly me: SoakAccount;
  /** This client's acknowledged, undeleted tasks. */
  private readonly mine: OwnTask[] = [];

  constructor(
    private readonly index: number,
    private readonly ctx: ClientContext,
  ) {
    this.account = index % ctx.accounts.length;
    this.me = ctx.accounts[this.account]!;
  }

  /** Runs operations until the context says the run is done. */
  async run(): Promise<void> {
    for (let n = 0; !this.ctx.done(); n++) {
      const op = this.chooseOp();
      const task = this.mine.length > 0 ? this.pick(this.mine) : undefined;
      if (op === 'race') await this.race(n);
      else if (op === 'list') await this.list();
      else if (op === 'probe') await this.probe();
      else if (!task || op === 'create') await this.create(n);
      else if (op === 'bulk') await this.bulk();
      else await this.changeOwn(op, task, n);
    }
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.ctx.random() * items.length)]!;
  }

  private chooseOp(): Op {
    const entries = Object.entries(WEIGHTS) as [Op, number][];
    let roll = this.ctx.random() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [op, weight] of entries) if ((roll -= weight) < 0) return op;
    return 'list';
  }

  private request(options: RequestOptions): Promise<Reply> {
    return send(this.ctx.origin, this.ctx.tally, { token: this.me.token, ...options });
  }

  private noteUnexpected(reply: Reply): void {
    if (reply.status < 400 || reply.status >= 500) return;
    this.ctx.unexpected.set(reply.status, (this.ctx.unexpected.get(reply.status) ?? 0) + 1);
  }

  private forget(task: OwnTask): void {
    const at = this.mine.indexOf(task);
    if (at >= 0) this.mine.splice(at, 1);
  }

  /** Sends until a non-transient answer (or the run is abandoned); returns it and the attempt. */
  private async untilAnswered(options: RequestOptions) {
    for (let attempt = 0; ; attempt++) {
      const reply = await this.request(options);
      if (!isTransient(reply) || this.ctx.abandoned()) return { reply, attempt };
      await sleep(retryDelayMs(reply, attempt));
    }
  }

  private async create(n: number): Promise<void> {
    const marker = `${this.index}.${n}.${randomUUID().slice(0, 8)}`;
    const body = {
      title: `soak ${marker}`,
      description: `[soak:${marker}]`,
      priority: this.pick(PRIORITIES),
      tags: ['soak'],
    };
    const task: OwnTask = { marker, account: this.account, createAcked: false };
    this.ctx.ledger.own.push(task);
    const headers = { 'idempotency-key': randomUUID() };
    const { reply } = await this.untilAnswered({
      method: 'POST',
      path: apiPaths.tasks,
      headers,
      body,
    });
    if (reply.status !== 201) return this.noteUnexpected(reply);
    const created = reply.body as Task;
    Object.assign(task, { id: created.id, createAcked: true, acked: stateOf(created) });
    this.ctx.ledger.owner.set(created.id, this.account);
    this.mine.push(task);
  }

  /** Edits, toggles or deletes one own task: in doubt until answered, then acknowledged. */
  private async changeOwn(op: Op, task: OwnTask, n: number): Promise<void> {
    const acked = task.acked!;
    let next: TaskState;
    let options: RequestOptions;
    if (op === 'edit') {
      next = { ...acked, title: `soak ${task.marker} e${n}`, priority: this.pick(PRIORITIES) };
      const body = { title: next.title, priority: next.priority };
      options = { method: 'PATCH', path: apiPaths.task(task.id!), body };
    } else if (op === 'toggle') {
      next = { ...acked, completed: !acked.completed };
      const body = { completed: next.completed };
      options = { method: 'PUT', path: apiPaths.taskCompletion(task.id!), body };
    } else {
      next = { ...acked, deleted: true };
      options = { method: 'DELETE', path: apiPaths.task(task.id!) };
    }
    task.inDoubt = next;
    const { reply, attempt } = await this.untilAnswered(options);
    // A delete whose first answer was lost finds the task gone when retried: that is success.
    const goneAfterRetry = next.deleted && reply.status === 404 && attempt > 0;
    if (reply.status === 200 || reply.status === 204 || goneAfterRetry) {
      task.acked = reply.status === 200 ? stateOf(reply.body as Task) : next;
      task.inDoubt = undefined;
      if (next.deleted) this.forget(task);
    } else if (reply.status === 404) this.ctx.ledger.missingSeen += 1;
    else this.noteUnexpected(reply);
  }

  private async bulk(): Promise<void> {
    const chosen = [...new Set(Array.from({ length: 4 }, () => this.pick(this.mine)))];
    const action = this.pick(['complete', 'reopen', 'delete'] as const);
    for (const t of chosen) {
      t.inDoubt =
        action === 'delete'
          ? { ...t.acked!, deleted: true }
          : { ...t.acked!, completed: action === 'complete' };
    }
    const body = { action, ids: chosen.map((t) => t.id) };
    const { reply, attempt } = await this.untilAnswered({
      method: 'POST',
      path: apiPaths.tasksBulk,
      body,
    });
    if (reply.status !== 200) return this.noteUnexpected(reply);
    const notFound = new Set((reply.body as { not_found: string[] }).not_found);
    for (const t of chosen) {
      if (notFound.has(t.id!) && !(action === 'delete' && attempt > 0)) {
        this.ctx.ledger.missingSeen += 1;
        continue;
      }
      t.acked = t.inDoubt;
      t.inDoubt = undefined;
      if (action === 'delete') this.forget(t);
    }
  }

  /** Reads a shared task and writes it back with If-Match: clients of one account collide here. */
  private async race(n: number): Promise<void> {
    const shared = [...this.ctx.ledger.shared.values()].filter((t) => t.account === this.account);
    const task = this.pick(shared);
    const read = await this.request({ method: 'GET', path: apiPaths.task(task.id) });
    if (read.status === 404) this.ctx.ledger.missingSeen += 1;
    if (read.status !== 200) return;
    const current = read.body as Task;
    task.acked.set(current.version, stateOf(current));
    const next: TaskState = {
      title: `shared ${task.id.slice(0, 8)} by ${this.index}.${n}`,
      priority: this.pick(PRIORITIES),
      completed: this.ctx.random() < 0.5,
      deleted: false,
    };
    const write = await this.request({
      method: 'PATCH',
      path: apiPaths.task(task.id),
      headers: { 'if-match': `"${current.version}"` },
      body: { title: next.title, priority: next.priority, completed: next.completed },
    });
    const written = write.body as Task;
    if (write.status === 200) task.acked.set(written.version, stateOf(written));
    else if (write.status === 412) this.ctx.ledger.conflicts += 1;
    else if (isTransient(write)) this.ctx.ledger.sharedInDoubt(task, current.version, next);
    else if (write.status === 404) this.ctx.ledger.missingSeen += 1;
    else this.noteUnexpected(write);
  }

  /** Lists the first page: every task in it must be this account's. */
  private async list(): Promise<void> {
    const reply = await this.request({ method: 'GET', path: `${apiPaths.tasks}?limit=50` });
    if (reply.status !== 200) return this.noteUnexpected(reply);
    for (const task of reply.body as Task[]) {
      const owner = this.ctx.ledger.owner.get(task.id);
      const foreign =
        task.user_id !== this.me.userId || (owner !== undefined && owner !== this.account);
      if (foreign) this.ctx.ledger.leaksSeen += 1;
    }
  }

  /** Asks for another account's task: the answer must be the 404 of a task that does not exist. */
  private async probe(): Promise<void> {
    const others = [...this.ctx.ledger.shared.values()].filter((t) => t.account !== this.account);
    if (others.length === 0) return;
    const reply = await this.request({ method: 'GET', path: apiPaths.task(this.pick(others).id) });
    if (reply.status === 200) this.ctx.ledger.leaksSeen += 1;
    else if (reply.status !== 404) this.noteUnexpected(reply);
  }
}
