// `npm run bench:reminders -w bench [-- --reminders 200]`: the reminder measurement of
// `npm run bench` alone (bench/src/reminders.ts); exits 1 on a duplicate or a miss.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/stack.ts';
import { reminderMarkdown, runReminderBench } from './reminders.ts';

const { values } = parseArgs({
  options: {
    reminders: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '3' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
  },
});
const result = await runReminderBench({
  reminders: Number(values.reminders),
  spreadMinutes: Number(values.minutes),
  accounts: 20,
  outDir: values.out,
  log: (line) => console.log(`[bench reminders] ${line}`),
});
console.log('\n' + reminderMarkdown(result));
process.exit(result.duplicates === 0 && result.missed === 0 ? 0 : 1);
