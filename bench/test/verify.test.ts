// The soak's verdict must catch what it claims to: a clean run passing proves little unless a lost,
// duplicated, leaked or stale task is seen to fail it.
import { describe, expect, test } from 'vitest';
import { Ledger, type OwnTask, type TaskState } from '../src/soak/ledger.ts';
import { judgeLedger, type TaskRow } from '../src/soak/verify.ts';

const USERS = ['user-a', 'user-b'];
const state = (title: string, completed = false): TaskState => ({
  title,
  priority: 'Medium',
  completed,
  deleted: false,
});
const row = (
  id: string,
  marker: string | null,
  s: TaskState,
  user = 'user-a',
  version = 1,
): TaskRow => ({
  id,
  user_id: user,
  title: s.title,
  priority: s.priority,
  completed: s.completed,
  version,
  marker,
});
const own = (marker: string, acked?: TaskState, extra: Partial<OwnTask> = {}): OwnTask => ({
  marker,
  account: 0,
  id: `id-${marker}`,
  createAcked: acked !== undefined,
  acked,
  ...extra,
});

function ledgerOf(...tasks: OwnTask[]) {
  const ledger = new Ledger();
  ledger.own.push(...tasks);
  return ledger;
}

describe('judgeLedger', () => {
  test('a task in its last acknowledged state passes', () => {
    const verdict = judgeLedger(
      [row('1', 'm1', state('b'))],
      ledgerOf(own('m1', state('b'))),
      USERS,
    );
    expect(verdict).toMatchObject({ lost: 0, duplicated: 0, leaked: 0, wrongState: 0, inDoubt: 0 });
  });

  test('an acknowledged create missing from the database is lost', () => {
    expect(judgeLedger([], ledgerOf(own('m1', state('a'))), USERS).lost).toBe(1);
  });

  test('an acknowledged delete may be missing, an unacknowledged create may be either', () => {
    const deleted = own('m1', { ...state('a'), deleted: true });
    const never = own('m2', undefined);
    const verdict = judgeLedger([], ledgerOf(deleted, never), USERS);
    expect(verdict).toMatchObject({ lost: 0, wrongState: 0, inDoubt: 1 });
  });

  test('two rows from one create are a duplicate', () => {
    const rows = [row('1', 'm1', state('a')), row('2', 'm1', state('a'))];
    expect(judgeLedger(rows, ledgerOf(own('m1', state('a'))), USERS).duplicated).toBe(1);
  });

  test('a task stored under another account is leaked, and so is one a client saw', () => {
    const ledger = ledgerOf(own('m1', state('a')));
    ledger.leaksSeen = 2;
    expect(judgeLedger([row('1', 'm1', state('a'), 'user-b')], ledger, USERS).leaked).toBe(3);
  });

  test('a stale state is wrong unless a write still in doubt explains it', () => {
    const stale = [row('1', 'm1', state('old'))];
    expect(judgeLedger(stale, ledgerOf(own('m1', state('new'))), USERS).wrongState).toBe(1);
    const pending = own('m1', state('old'), { inDoubt: state('new') });
    const verdict = judgeLedger([row('1', 'm1', state('new'))], ledgerOf(pending), USERS);
    expect(verdict).toMatchObject({ wrongState: 0, inDoubt: 1 });
  });

  test('a shared task behind its newest acknowledged version lost a write', () => {
    const ledger = new Ledger();
    ledger.addShared('s1', 0, 1, state('v1'));
    ledger.shared.get('s1')!.acked.set(3, state('v3'));
    expect(judgeLedger([row('s1', null, state('v1'))], ledger, USERS).lost).toBe(1);
    expect(judgeLedger([row('s1', null, state('v3'), 'user-a', 3)], ledger, USERS).lost).toBe(0);
  });

  test('a shared task ahead of the ledger must match a write in doubt from the version before', () => {
    const ledger = new Ledger();
    ledger.addShared('s1', 0, 1, state('v1'));
    ledger.sharedInDoubt(ledger.shared.get('s1')!, 1, state('maybe'));
    const explained = judgeLedger([row('s1', null, state('maybe'), 'user-a', 2)], ledger, USERS);
    expect(explained).toMatchObject({ lost: 0, wrongState: 0, inDoubt: 1 });
    const unexplained = judgeLedger([row('s1', null, state('other'), 'user-a', 2)], ledger, USERS);
    expect(unexplained.wrongState).toBe(1);
  });
});
