// `npm run bench [-- --requests 300 --goal-requests 1000 --small 1000 --large 100000 --concurrency 1,8 --delays 10,0
//   --backends pglite,postgres --routes list,get --own-sql --no-web]`
// Starts its own stack per backend, measures, writes bench/results/{latest.json,latest.md,
// latency.svg} and prints the Markdown. Exits 1 if any goal fails.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/stack.ts';
import { reminderMarkdown, runReminderBench } from './reminders.ts';
import { runBench } from './run-bench.ts';
import type { Backend } from './stack.ts';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '300' },
    'goal-requests': { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '30' },
    small: { type: 'string', default: '1000' },
    large: { type: 'string', default: '100000' },
    concurrency: { type: 'string', default: '1,8' },
    delays: { type: 'string', default: '10,0' },
    backends: { type: 'string', default: 'pglite,postgres' },
    routes: { type: 'string', default: '' },
    'own-sql': { type: 'boolean', default: false },
    'sign-ins': { type: 'string', default: '40' },
    'page-loads': { type: 'string', default: '5' },
    'no-web': { type: 'boolean', default: false },
    reminders: { type: 'string', default: '200' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
  },
});
const numbers = (list: string) => list.split(',').map(Number);
const started = Date.now();
const results = await runBench({
  requests: Number(values.requests),
  goalRequests: Number(values['goal-requests']),
  warmup: Number(values.warmup),
  smallTasks: Number(values.small),
  largeTasks: Number(values.large),
  concurrencies: numbers(values.concurrency),
  delaysMs: numbers(values.delays),
  backends: values.backends.split(',') as Backend[],
  routes: values.routes.split(',').filter(Boolean),
  ownSql: values['own-sql'],
  signInRequests: Number(values['sign-ins']),
  pageLoads: Number(values['page-loads']),
  web: values['no-web'] ? 'none' : 'build',
  outDir: values.out,
  smoke: false,
  log: (line) => console.log(`[bench +${Math.round((Date.now() - started) / 1000)}s] ${line}`),
});
console.log('\n' + (await readFile(join(values.out, 'latest.md'), 'utf8')));
// Reminder lateness and duplicates (issue 13), on a stack of its own; `--reminders 0` skips it.
const reminders =
  Number(values.reminders) > 0
    ? await runReminderBench({
        reminders: Number(values.reminders),
        spreadMinutes: 3,
        accounts: 20,
        outDir: values.out,
        log: (line) => console.log(`[bench reminders] ${line}`),
      })
    : undefined;
if (reminders) console.log(reminderMarkdown(reminders));
console.log(`[bench] done in ${Math.round((Date.now() - started) / 1000)} s; wrote ${values.out}`);
const remindersPass = !reminders || (reminders.duplicates === 0 && reminders.missed === 0);
process.exit(results.goals.every((g) => g.pass) && remindersPass ? 0 : 1);
