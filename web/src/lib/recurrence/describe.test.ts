import { ruleOf } from '@tasks/shared/recurrence';
import { describe, expect, it } from 'vitest';
import { describeRule } from './describe';

const CASES: [string, string][] = [
  ['FREQ=DAILY', 'every day'],
  ['FREQ=DAILY;INTERVAL=3', 'every 3 days'],
  ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'every week on weekdays'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH', 'every 2 weeks on Monday and Thursday'],
  ['FREQ=MONTHLY;BYMONTHDAY=1', 'every month on the 1st'],
  ['FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12', 'every month on the last day, 12 times'],
  ['FREQ=MONTHLY;BYMONTHDAY=-2', 'every month on the 2nd to last day'],
  ['FREQ=MONTHLY;BYDAY=2TU', 'every month on the second Tuesday'],
  ['FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20271231', 'every month on the last Friday, until 2027-12-31'],
  ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=22', 'every year on the 22nd in March'],
  ['FREQ=YEARLY;COUNT=1', 'every year, 1 time'],
];

describe('describeRule', () => {
  it.each(CASES)('%s reads "%s"', (rrule, words) => {
    expect(describeRule(ruleOf(rrule))).toBe(words);
  });
});
