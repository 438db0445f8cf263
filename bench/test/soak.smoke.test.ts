// The soak at toy scale with every fault injected: the ledger check must find nothing lost,
// duplicated or leaked, and no 5xx outside the windows that allow them. No timing is asserted.
import { expect, test } from 'vitest';
import { defaultFaultPlan } from '../src/soak/print.ts';
import { runSoak } from '../src/soak/run-soak.ts';

test('soak smoke: faults injected, nothing lost, duplicated or leaked, followers in step', async () => {
  const report = await runSoak({
    clients: 6,
    accounts: 3,
    durationSeconds: 14,
    maxRequests: 20_000,
    sharedTasksPerAccount: 2,
    faults: defaultFaultPlan(14, 2, 100),
    dbTimeoutMs: 1000,
    maxRecoveryMs: 60_000,
    seed: 7,
    reminders: { count: 12, leaseSeconds: 10 },
    log: () => undefined,
  });

  expect(report.faults.map((f) => f.name)).toHaveLength(4);
  expect(report.byStatus['503']).toBeGreaterThan(0); // the outage was seen, and answered with 503
  expect(report.byStatus['201']).toBeGreaterThan(0);
  expect(report.verdict.checkedTasks).toBeGreaterThan(0);
  expect(report.verdict.lost).toBe(0);
  expect(report.verdict.duplicated).toBe(0);
  expect(report.verdict.leaked).toBe(0);
  expect(report.verdict.wrongState).toBe(0);
  // Every follower holds every task of its user in its final state, once.
  expect(report.followers.checked).toBeGreaterThan(0);
  expect(report.followers.sharedListWrites).toBeGreaterThan(0);
  expect(report.followers).toMatchObject({ missed: 0, duplicated: 0, lost: 0, failures: [] });
  expect(report.unexpected5xx).toEqual([]);
  expect(report.unexpected4xx).toEqual({});
  // Reminders fell due while the faults hit the cron's runs: each sent once, none missed.
  expect(report.reminders.due).toBeGreaterThan(0);
  // A failure shows each repeat's time and gap: a gap near the lease is a claim retaken while
  // its run was still alive (decision 0026), a short one a settle that missed its claim.
  const { duplicates, missed, repeats } = report.reminders;
  expect({ duplicates, missed, repeats }).toEqual({ duplicates: 0, missed: 0, repeats: [] });
});
