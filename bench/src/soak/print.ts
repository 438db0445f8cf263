// The soak's defaults and its printed summary.
import type { FaultPlan } from './faults.ts';
import { printReminderVerdict } from './reminders.ts';
import { printFollowers } from './print-followers.ts';
import type { SoakReport } from './run-soak.ts';

/** Faults spread over a run of `seconds`: outage, slowdown, hang past the deadline, restart. */
export function defaultFaultPlan(
  seconds: number,
  outageSeconds: number,
  slowMs: number,
): Omit<FaultPlan, 'dbTimeoutMs'> {
  const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
  return {
    outageAt: seconds * 0.15,
    outageSeconds,
    slowAt: seconds * 0.4,
    slowSeconds: clamp(seconds * 0.08, 1, 5),
    slowMs,
    hangAt: seconds * 0.55,
    hangSeconds: clamp(seconds * 0.05, 1, 3),
    restartAt: seconds * 0.75,
  };
}

/** Prints the counts the issue asks for, then every check with its outcome. */
export function printSoakReport(report: SoakReport, print: (line: string) => void): void {
  const { verdict } = report;
  const ok = (good: boolean) => (good ? 'ok' : 'FAIL');
  print('');
  print(
    `Soak: ${report.options.clients} clients, ${report.options.accounts} accounts, ${report.options.durationSeconds} s`,
  );
  print(`Requests: ${report.requests}`);
  for (const [status, count] of Object.entries(report.byStatus)) {
    print(`  ${status === 'network' ? 'no response' : status}: ${count}`);
  }
  print('Faults:');
  for (const fault of report.faults) {
    const recovery = fault.recoveryMs === undefined ? '' : `, healthy ${fault.recoveryMs} ms after`;
    print(`  at ${fault.startSeconds} s: ${fault.name} (window ${fault.seconds} s${recovery})`);
  }
  print(`Tasks checked in PostgreSQL: ${verdict.checkedTasks}`);
  print(`  lost:            ${verdict.lost}  ${ok(verdict.lost === 0)}`);
  print(`  duplicated:      ${verdict.duplicated}  ${ok(verdict.duplicated === 0)}`);
  print(`  leaked:          ${verdict.leaked}  ${ok(verdict.leaked === 0)}`);
  print(`  wrong state:     ${verdict.wrongState}  ${ok(verdict.wrongState === 0)}`);
  print(`  in doubt at end: ${verdict.inDoubt} (writes never answered; either outcome accepted)`);
  print(`  If-Match races lost (412): ${report.conflicts}`);
  printReminderVerdict(report.reminders, print);
  printFollowers(report.followers, print);
  print(`Unexpected 5xx: ${report.unexpected5xx.length}  ${ok(report.unexpected5xx.length === 0)}`);
  for (const e of report.unexpected5xx.slice(0, 10)) {
    print(
      `  ${e.status} ${e.method} ${e.path} (Retry-After ${e.retryAfter ?? 'none'}): ${e.detail}`,
    );
  }
  const fourxx = Object.entries(report.unexpected4xx);
  print(
    `Unexpected 4xx: ${fourxx.length === 0 ? 0 : fourxx.map(([s, n]) => `${s}×${n}`).join(', ')}  ${ok(fourxx.length === 0)}`,
  );
  print(
    `Recovery time (worst): ${report.recoveryMs} ms  ${ok(report.recoveryMs <= report.options.maxRecoveryMs)}`,
  );
  print(report.pass ? 'SOAK PASSED' : 'SOAK FAILED');
}
