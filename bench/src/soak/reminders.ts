// The soak's reminders (issue 13, decision 0026): reminders set before the run fall due during
// it, while the Cron Trigger fires every second — two runs at once, so every claim is raced — and
// the faults (PostgreSQL stopped, the Neon server slowed and hung, the worker restarted) land on
// those runs. The loopback stand-in push service records what arrives, decrypted. At the end:
// sent vs due, with 0 duplicates and 0 missed by the outage rule of decision 0020.
import { performance } from 'node:perf_hooks';
import { apiPaths } from '@tasks/shared';
import { startPushStandin, type PushStandin } from '../../../api/dev/push-standin/index.ts';
import type { SoakAccount } from './context.ts';
import { sleep } from './http.ts';
import { postJson as post } from '../post-json.ts';

export interface ReminderVerdict {
  /** Reminders set, and those whose time came after their task was saved (the rest are born claimed). */
  scheduled: number;
  due: number;
  /** Pushes received, all occurrences. */
  sent: number;
  /** Pushes beyond the first of one occurrence. */
  duplicates: number;
  /** Due, still useful (before their due time) and never pushed, after the lease had passed. */
  missed: number;
  cronRuns: number;
  /** Runs the faults cut off (no answer, or an error). */
  failedRuns: number;
  /** Longest time from a reminder's instant to its push. */
  maxLatenessMs: number;
  /** For each repeated push: when the first came (seconds into the run) and the gap to the next. */
  repeats: { firstAtSeconds: number; gapMs: number }[];
}

type Planned = { occurrenceOf: string; at: number; savedAt: number };
type Message = { payload: { task_id: string; occurrence: string }; received_at: string };

const CRON_EVERY_MS = 1_000;

export class SoakReminders {
  private cronRuns = 0;
  private failedRuns = 0;
  private cron?: Promise<void>;
  private stopped = false;
  private startedAt = Date.now();

  private constructor(
    private readonly origin: string,
    private readonly standin: PushStandin,
    private readonly planned: Planned[],
    private readonly leaseSeconds: number,
  ) {}

  /**
   * One stand-in device per account and `count` reminders at instants spread over the next
   * `spreadSeconds` (from once they are all saved), each on a task due 30 minutes later.
   */
  static async prepare(
    origin: string,
    vapidKey: string,
    accounts: SoakAccount[],
    plan: { count: number; spreadSeconds: number; leaseSeconds: number },
  ): Promise<SoakReminders> {
    const standin = await startPushStandin();
    for (const account of accounts) {
      const device = await post(`${standin.url}/subscriptions`, {
        application_server_key: vapidKey,
      });
      await post(origin + apiPaths.pushSubscriptions, device, account.token);
    }
    const start = Date.now() + 2_000 + plan.count * 40;
    const create = async (i: number): Promise<Planned> => {
      const at = start + Math.round((i / Math.max(1, plan.count)) * plan.spreadSeconds * 1000);
      const body = {
        title: `soak reminder ${i}`,
        due_at: new Date(at + 30 * 60_000).toISOString(),
        reminders: [{ at: new Date(at).toISOString() }],
      };
      const task = (await post(
        origin + apiPaths.tasks,
        body,
        accounts[i % accounts.length]!.token,
      )) as {
        id: string;
      };
      return { occurrenceOf: task.id, at, savedAt: Date.now() };
    };
    // Five at a time: all at once would meet the worker's DB deadline on a loaded machine.
    const planned: Planned[] = [];
    for (let i = 0; i < plan.count; i += 5) {
      const batch = Array.from({ length: Math.min(5, plan.count - i) }, (_, k) => create(i + k));
      planned.push(...(await Promise.all(batch)));
    }
    return new SoakReminders(origin, standin, planned, plan.leaseSeconds);
  }

  /** Fires the Cron Trigger every second, twice at once, until `finish`. */
  startCron(): void {
    this.startedAt = Date.now();
    const fire = () =>
      fetch(`${this.origin}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`, {
        signal: AbortSignal.timeout(30_000),
      })
        .then(async (res) => {
          await res.arrayBuffer();
          this.cronRuns++;
          if (!res.ok) this.failedRuns++;
        })
        .catch(() => {
          this.cronRuns++;
          this.failedRuns++;
        });
    this.cron = (async () => {
      while (!this.stopped) {
        void Promise.all([fire(), fire()]);
        await sleep(CRON_EVERY_MS - (Date.now() % CRON_EVERY_MS));
      }
    })();
  }

  private async messages(): Promise<Message[]> {
    const res = await fetch(`${this.standin.url}/messages`);
    return ((await res.json()) as { messages: Message[] }).messages;
  }

  /**
   * Keeps the cron running until every due reminder has arrived or a claim lease (plus a margin)
   * has passed since the faults ended — a run the faults cut off between claiming and settling
   * leaves its claims to the next run after the lease — then judges sent vs due.
   */
  async finish(): Promise<ReminderVerdict> {
    const due = this.planned.filter((p) => p.savedAt < p.at && p.at <= Date.now());
    const deadline = performance.now() + (this.leaseSeconds + 5) * 1000;
    const arrived = (messages: Message[]) => new Set(messages.map((m) => m.payload.task_id));
    while (performance.now() < deadline) {
      const got = arrived(await this.messages());
      if (due.every((p) => got.has(p.occurrenceOf))) break;
      await sleep(500);
    }
    // One more tick of runs: a claim retaken by mistake would show up as a duplicate.
    await sleep(CRON_EVERY_MS * 1.5);
    this.stopped = true;
    await this.cron;
    const messages = await this.messages();
    const perOccurrence = new Map<string, number>();
    const firstAt = new Map<string, number>();
    for (const m of messages) {
      perOccurrence.set(m.payload.occurrence, (perOccurrence.get(m.payload.occurrence) ?? 0) + 1);
      if (!firstAt.has(m.payload.task_id))
        firstAt.set(m.payload.task_id, Date.parse(m.received_at));
    }
    const byOccurrence = new Map<string, number[]>();
    for (const m of messages) {
      const times = byOccurrence.get(m.payload.occurrence) ?? [];
      byOccurrence.set(m.payload.occurrence, [...times, Date.parse(m.received_at)]);
    }
    const repeats = [...byOccurrence.values()]
      .filter((times) => times.length > 1)
      .map(([first, second]) => ({
        firstAtSeconds: Math.round((first! - this.startedAt) / 100) / 10,
        gapMs: second! - first!,
      }));
    const late = due.map((p) => (firstAt.get(p.occurrenceOf) ?? p.at) - p.at);
    return {
      scheduled: this.planned.length,
      due: due.length,
      sent: messages.length,
      duplicates: [...perOccurrence.values()].reduce((n, count) => n + count - 1, 0),
      missed: due.filter((p) => !firstAt.has(p.occurrenceOf)).length,
      cronRuns: this.cronRuns,
      failedRuns: this.failedRuns,
      maxLatenessMs: Math.max(0, ...late),
      repeats,
    };
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.cron;
    await this.standin.close();
  }
}

/** The verdict's lines in the soak's summary. */
export function printReminderVerdict(v: ReminderVerdict, print: (line: string) => void): void {
  const ok = (good: boolean) => (good ? 'ok' : 'FAIL');
  print(
    `Reminders: ${v.scheduled} set, ${v.due} due during the run, ${v.sent} pushes received; cron fired ${v.cronRuns} times (${v.failedRuns} cut off by faults)`,
  );
  print(`  duplicates:      ${v.duplicates}  ${ok(v.duplicates === 0)}`);
  print(`  missed:          ${v.missed}  ${ok(v.missed === 0)}`);
  print(`  latest push:     ${(v.maxLatenessMs / 1000).toFixed(1)} s after its time`);
  for (const r of v.repeats) {
    print(
      `  repeated: first at ${r.firstAtSeconds} s, again ${(r.gapMs / 1000).toFixed(1)} s later`,
    );
  }
}
