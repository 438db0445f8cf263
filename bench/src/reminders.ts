// Reminder lateness (issue 13): `n` reminders spread over the next few minutes, the worker's Cron
// Trigger fired at every minute boundary as Cloudflare does — twice at once, so every claim is
// raced — and the loopback stand-in push service recording what arrives, decrypted. Lateness
// is the reminder's time → the push accepted by the stand-in; a duplicate is a second push of
// one reminder occurrence, a miss a reminder that never arrived. Both must be 0.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiPaths, CLAIM_LEASE_SECONDS } from '@tasks/shared';
import { startPushStandin } from '../../api/dev/push-standin/index.ts';
import { percentile } from './load.ts';
import { createAccount } from './seed.ts';
import { startBenchStack } from './stack.ts';
import type { ServedWorker } from './worker.ts';
import { postJson as post } from './post-json.ts';

export interface ReminderBenchOptions {
  reminders: number;
  /** Reminders fall at random instants within this many minutes from the start. */
  spreadMinutes: number;
  accounts: number;
  outDir: string;
  log: (line: string) => void;
}

export interface ReminderBenchResult {
  reminders: number;
  received: number;
  duplicates: number;
  missed: number;
  latenessMs: { p50: number; p99: number; max: number };
  scheduler: string;
}

type Device = { id: string; endpoint: string; keys: { p256dh: string; auth: string } };

/** One account with one stand-in device, and its share of the reminders. */
async function prepareAccount(api: string, push: string, key: string, n: number, run: string) {
  const account = await createAccount(api, `bench-remind-${run}-${n}@example.com`);
  const device = (await post(`${push}/subscriptions`, { application_server_key: key })) as Device;
  await post(api + apiPaths.pushSubscriptions, device, account.token);
  return { account, device: { ...device, id: device.endpoint.split('/').pop()! } };
}

/**
 * Fires the Cron Trigger at every minute boundary until `until`, two runs at a time. At the
 * second minute the worker is restarted while its runs are sending: the claims of a run that
 * dies are taken again after the lease (CLAIM_LEASE_SECONDS), so nothing may be missed.
 */
async function cronUntil(worker: ServedWorker, until: number, log: (line: string) => void) {
  const fire = () =>
    fetch(`${worker.url}/cdn-cgi/handler/scheduled?cron=*+*+*+*+*`)
      .then((r) => r.text())
      .catch(() => 'cut off by the restart');
  for (let minute = 1; Date.now() < until; minute++) {
    await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000)));
    const runs = Promise.all([fire(), fire()]);
    if (minute === 2) {
      await new Promise((r) => setTimeout(r, 30));
      await worker.restart();
      log('worker restarted while its runs were sending');
    }
    await runs;
    log(`cron fired (twice) at ${new Date().toISOString().slice(11, 19)}`);
  }
}

export async function runReminderBench(
  options: ReminderBenchOptions,
): Promise<ReminderBenchResult> {
  const stack = await startBenchStack({ backend: 'pglite' });
  const standin = await startPushStandin();
  try {
    const api = stack.worker.url;
    const run = Date.now().toString(36);
    const key = stack.bindings.VAPID_PUBLIC_KEY!;
    // One at a time: sign-ups hash passwords, and PGlite serves one statement at a time.
    const users = [];
    for (let n = 0; n < options.accounts; n++) {
      users.push(await prepareAccount(api, standin.url, key, n, run));
    }
    // Reminder instants from when they will all exist (creating one takes well under 500 ms even
    // on a loaded machine; one already past when created would never fire) to the spread's end.
    const start = Date.now() + 30_000 + options.reminders * 500;
    const fireAt = new Map<string, number>();
    for (let i = 0; i < options.reminders; i++) {
      const { account } = users[i % users.length]!;
      const at = start + Math.floor(Math.random() * options.spreadMinutes * 60_000);
      const task = (await post(
        api + apiPaths.tasks,
        {
          title: `Reminder ${i}`,
          due_at: new Date(at + 30 * 60_000).toISOString(),
          reminders: [{ at: new Date(at).toISOString() }],
        },
        account.token,
      )) as { id: string };
      fireAt.set(task.id, at);
    }
    options.log(`${options.reminders} reminders set; the cron runs each minute`);
    const end = start + options.spreadMinutes * 60_000 + (CLAIM_LEASE_SECONDS + 1) * 1000;
    await cronUntil(stack.worker, end, options.log);
    const res = await fetch(`${standin.url}/messages`);
    const { messages } = (await res.json()) as {
      messages: { payload: { task_id: string; occurrence: string }; received_at: string }[];
    };
    const seen = new Map<string, number>();
    for (const m of messages)
      seen.set(m.payload.occurrence, (seen.get(m.payload.occurrence) ?? 0) + 1);
    const firsts = new Map<string, number>();
    for (const m of messages) {
      if (!firsts.has(m.payload.task_id)) firsts.set(m.payload.task_id, Date.parse(m.received_at));
    }
    const lateness = [...firsts].map(([id, at]) => at - fireAt.get(id)!).sort((a, b) => a - b);
    const result: ReminderBenchResult = {
      reminders: options.reminders,
      received: messages.length,
      duplicates: [...seen.values()].reduce((n, count) => n + count - 1, 0),
      missed: [...fireAt.keys()].filter((id) => !firsts.has(id)).length,
      latenessMs: {
        p50: percentile(lateness, 50),
        p99: percentile(lateness, 99),
        max: lateness.at(-1) ?? 0,
      },
      scheduler:
        'Cron Trigger every minute, fired twice at once, the worker restarted mid-run once (PGlite, 0 ms delay)',
    };
    // An --out folder that does not exist yet is made, not a lost run after minutes of waiting.
    await mkdir(options.outDir, { recursive: true });
    await writeFile(
      join(options.outDir, 'reminders-latest.json'),
      JSON.stringify(result, null, 2) + '\n',
    );
    return result;
  } finally {
    await standin.close();
    await stack.stop();
  }
}

/** The result as the bench prints it. */
export function reminderMarkdown(r: ReminderBenchResult): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return [
    '## Reminders',
    '',
    `${r.reminders} reminders, ${r.scheduler}: lateness (reminder time → push accepted by the`,
    `stand-in) p50 ${s(r.latenessMs.p50)}, p99 ${s(r.latenessMs.p99)}, max ${s(r.latenessMs.max)};`,
    `${r.duplicates} duplicates, ${r.missed} missed (${r.received} pushes received).`,
    '',
  ].join('\n');
}
