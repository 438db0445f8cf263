import { describe, expect, it } from 'vitest';
import { RecurrenceInputSchema, RruleSchema } from '../due.ts';
import { parseRrule } from './rrule.ts';

const canonical = (text: string) => RruleSchema.parse(text);
const refusal = (text: string) => {
  const result = parseRrule(text);
  return result.ok ? null : result.message;
};

describe('RRULE', () => {
  it.each([
    ['freq=daily', 'FREQ=DAILY'],
    ['RRULE:FREQ=WEEKLY;BYDAY=fr,mo,MO;WKST=MO', 'FREQ=WEEKLY;BYDAY=MO,FR'],
    ['FREQ=MONTHLY;BYDAY=-1FR,2MO', 'FREQ=MONTHLY;BYDAY=2MO,-1FR'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=1', 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    ['FREQ=YEARLY;BYMONTH=12,1;BYMONTHDAY=+25', 'FREQ=YEARLY;BYMONTH=1,12;BYMONTHDAY=25'],
    ['FREQ=DAILY;INTERVAL=3;COUNT=10', 'FREQ=DAILY;INTERVAL=3;COUNT=10'],
    ['FREQ=WEEKLY;UNTIL=20271231T235959z', 'FREQ=WEEKLY;UNTIL=20271231T235959Z'],
    ['freq=yearly;until=20300101', 'FREQ=YEARLY;UNTIL=20300101'],
  ])('%s is stored as %s', (input, output) => {
    expect(canonical(input)).toBe(output);
  });

  it.each([
    ['FREQ=DAILY;BYHOUR=9', 'BYHOUR is not supported'],
    ['FREQ=HOURLY', 'FREQ=HOURLY is not supported'],
    ['FREQ=WEEKLY;WKST=SU', 'WKST=SU is not supported (weeks start on MO)'],
    ['INTERVAL=2', 'FREQ is required'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL must be between 1 and 1000'],
    ['FREQ=DAILY;INTERVAL=x', 'INTERVAL must be a whole number'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY must be between -31 and 31, not 0'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY must be between -31 and 31, not 0'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH must be between 1 and 12'],
    [
      'FREQ=WEEKLY;BYDAY=2MO',
      'BYDAY with a number (such as 2MO) needs FREQ=MONTHLY or FREQ=YEARLY',
    ],
    ['FREQ=MONTHLY;BYDAY=6MO', 'BYDAY in a month counts at most 5 of a weekday'],
    ['FREQ=MONTHLY;BYDAY=XX', 'BYDAY "XX" is not a weekday such as MO, 2MO or -1FR'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=DAILY;COUNT=2;UNTIL=20270101', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ is given twice'],
    [
      'FREQ=DAILY;UNTIL=20270230',
      'UNTIL must be a date such as 20271231 or a time such as 20271231T235959Z',
    ],
    ['FREQ=DAILY;UNTIL=20270101T250000Z', 'UNTIL has a time that does not exist'],
    ['FREQ=DAILY;COUNT', '"COUNT" is not NAME=VALUE'],
    ['FREQ=DAILY;' + 'X'.repeat(500), 'An RRULE is at most 500 characters'],
  ])('%s is refused: %s', (input, message) => {
    expect(refusal(input)).toBe(message);
  });

  it.each([
    ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30', 'BYMONTHDAY=30 never falls in BYMONTH=2'],
    ['FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31,-31', 'BYMONTHDAY=-31,31 never falls in BYMONTH=4,6'],
    ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=-30', 'BYMONTHDAY=-30 never falls in BYMONTH=2'],
  ])('%s, a day no month it names has, is refused on input: %s', (input, message) => {
    const result = RruleSchema.safeParse(input);
    expect(result.error?.issues).toMatchObject([{ message }]);
  });

  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    'FREQ=DAILY;BYMONTH=2,3;BYMONTHDAY=30',
  ])('%s falls on some day and is kept', (input) => {
    expect(canonical(input)).toBe(input);
  });

  it('names the part under recurrence.rrule', () => {
    const result = RecurrenceInputSchema.safeParse({ rrule: 'FREQ=DAILY;BYHOUR=9' });
    expect(result.error?.issues).toMatchObject([
      { path: ['rrule'], message: 'BYHOUR is not supported' },
    ]);
  });

  it('repeats from the due date unless told, in any letter case', () => {
    expect(RecurrenceInputSchema.parse({ rrule: 'FREQ=DAILY' }).repeat_from).toBe('due');
    expect(
      RecurrenceInputSchema.parse({ rrule: 'FREQ=DAILY', repeat_from: 'Completion' }).repeat_from,
    ).toBe('completion');
  });
});
