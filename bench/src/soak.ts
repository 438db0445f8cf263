// `npm run soak [-- --clients 50 --accounts 20 --duration 60 --reminders 100]`: a bounded load-and-fault run on
// loopback. Prints the counts, writes bench/results/soak-latest.json, exits 1 on any failed check.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../../scripts/stack.ts';
import { defaultFaultPlan, printSoakReport } from './soak/print.ts';
import { runSoak } from './soak/run-soak.ts';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    accounts: { type: 'string', default: '20' },
    duration: { type: 'string', default: '60' },
    'max-requests': { type: 'string', default: '200000' },
    'outage-seconds': { type: 'string', default: '5' },
    'slow-ms': { type: 'string', default: '250' },
    'db-timeout-ms': { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    reminders: { type: 'string', default: '100' },
    'claim-lease-seconds': { type: 'string', default: '30' },
    out: { type: 'string', default: join(ROOT, 'bench', 'results') },
  },
});
const durationSeconds = Number(values.duration);
const report = await runSoak({
  clients: Number(values.clients),
  accounts: Number(values.accounts),
  durationSeconds,
  maxRequests: Number(values['max-requests']),
  sharedTasksPerAccount: 3,
  faults: defaultFaultPlan(
    durationSeconds,
    Number(values['outage-seconds']),
    Number(values['slow-ms']),
  ),
  dbTimeoutMs: Number(values['db-timeout-ms']),
  maxRecoveryMs: 5_000,
  seed: Number(values.seed),
  reminders: {
    count: Number(values.reminders),
    leaseSeconds: Number(values['claim-lease-seconds']),
  },
  log: (line) => console.log(`[soak] ${line}`),
});
printSoakReport(report, (line) => console.log(line));
await mkdir(values.out, { recursive: true });
await writeFile(join(values.out, 'soak-latest.json'), JSON.stringify(report, null, 2) + '\n');
process.exit(report.pass ? 0 : 1);
