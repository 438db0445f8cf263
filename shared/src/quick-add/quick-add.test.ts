import { describe, expect, it } from 'vitest';
import { parseQuickAdd } from './index.ts';
import { NOW, expectReading, type Expected } from './quick-add.test-helper.ts';

/** Days, times, tags, priorities and lists, at Tuesday 1 December 2026, 10:00 in London. */
const PHRASES: [string, Expected][] = [
  ['Call mum tomorrow 18:00', { title: 'Call mum', due_date: '2026-12-02', due_time: '18:00' }],
  ['Review next friday', { title: 'Review', due_date: '2026-12-04' }],
  ['Buy milk', { title: 'Buy milk' }],
  ['Buy milk today', { title: 'Buy milk', due_date: '2026-12-01' }],
  ['Buy milk tod', { title: 'Buy milk', due_date: '2026-12-01' }],
  ['Pay bills tmrw', { title: 'Pay bills', due_date: '2026-12-02' }],
  ['Submit report the day after tomorrow', { title: 'Submit report', due_date: '2026-12-03' }],
  ['Gym monday', { title: 'Gym', due_date: '2026-12-07' }],
  ['Gym on mon', { title: 'Gym', due_date: '2026-12-07' }],
  ['Gym tuesday', { title: 'Gym', due_date: '2026-12-08' }],
  ['Dinner this saturday at 7pm', { title: 'Dinner', due_date: '2026-12-05', due_time: '19:00' }],
  ['Plan next week', { title: 'Plan', due_date: '2026-12-07' }],
  ['Budget next month', { title: 'Budget', due_date: '2027-01-01' }],
  ['Taxes next year', { title: 'Taxes', due_date: '2027-01-01' }],
  ['Follow up in 3 days', { title: 'Follow up', due_date: '2026-12-04' }],
  ['Renew passport in two weeks', { title: 'Renew passport', due_date: '2026-12-15' }],
  ['Check in a month', { title: 'Check', due_date: '2027-01-01' }],
  ['Invoice end of month', { title: 'Invoice', due_date: '2026-12-31' }],
  ['Dentist jan 5 at 3pm', { title: 'Dentist', due_date: '2027-01-05', due_time: '15:00' }],
  ['Party 24 december', { title: 'Party', due_date: '2026-12-24' }],
  ['Trip on March 3rd 2027', { title: 'Trip', due_date: '2027-03-03' }],
  ['Launch 2027-02-14', { title: 'Launch', due_date: '2027-02-14' }],
  ['Meet on the 15th @Work', { title: 'Meet', due_date: '2026-12-15', list: 'Work' }],
  ['Lunch at noon', { title: 'Lunch', due_date: '2026-12-01', due_time: '12:00' }],
  ['Call at 9am', { title: 'Call', due_date: '2026-12-02', due_time: '09:00' }],
  ['Wake up at 7', { title: 'Wake up', due_date: '2026-12-02', due_time: '07:00' }],
  ['Read 8:30pm tomorrow', { title: 'Read', due_date: '2026-12-02', due_time: '20:30' }],
  ['Ship at 5.30pm friday', { title: 'Ship', due_date: '2026-12-04', due_time: '17:30' }],
  ['Call 10:30', { title: 'Call', due_date: '2026-12-01', due_time: '10:30' }],
  ['Backup at midnight', { title: 'Backup', due_date: '2026-12-02', due_time: '00:00' }],
  ['Dinner tonight 8pm', { title: 'Dinner', due_date: '2026-12-01', due_time: '20:00' }],
  ['Fix bug #dev #Urgent #dev !1', { title: 'Fix bug', tags: ['dev', 'urgent'], priority: 'High' }],
  ['Tidy up !low', { title: 'Tidy up', priority: 'Low' }],
  ['Plan trip !med #travel', { title: 'Plan trip', priority: 'Medium', tags: ['travel'] }],
  ['Clean kitchen @home chores', { title: 'Clean kitchen', list: 'Home chores' }],
  ['Email @someone-new', { title: 'Email', list: 'someone-new' }],
  ['Learn C# basics', { title: 'Learn C# basics' }],
  ['Email bob@example.com', { title: 'Email bob@example.com' }],
  ['Buy 5 apples a day', { title: 'Buy 5 apples a day' }],
  ['Read chapter 3', { title: 'Read chapter 3' }],
  ['Say it loud!', { title: 'Say it loud!' }],
  ['Call Sunday school tomorrow', { title: 'Call Sunday school', due_date: '2026-12-02' }],
  ['TOMORROW: submit form', { title: 'submit form', due_date: '2026-12-02' }],
  ['Vote on 2026-02-30', { title: 'Vote on 2026-02-30' }],
  ['Meeting at 25:00', { title: 'Meeting at 25:00' }],
  ['Mondays are hard', { title: 'Mondays are hard' }],
];

describe('quick add', () => {
  it.each(PHRASES)('%s', expectReading);

  it('says which parts it understood, so each can be a chip', () => {
    const text = 'Pay rent every month on the 1st at 9am #home !high';
    const { spans } = parseQuickAdd(text, { now: NOW, timeZone: 'Europe/London' });
    expect(spans.map(({ kind, text: part }) => [kind, part])).toEqual([
      ['recurrence', 'every month on the 1st'],
      ['time', 'at 9am'],
      ['tag', '#home'],
      ['priority', '!high'],
    ]);
    for (const span of spans) expect(text.slice(span.start, span.end)).toBe(span.text);
  });

  it('a removed chip leaves its words in the title, as typed', () => {
    const text = 'Review next friday';
    const first = parseQuickAdd(text, { now: NOW, timeZone: 'Europe/London' });
    const kept = parseQuickAdd(text, { now: NOW, timeZone: 'Europe/London', keep: first.spans });
    expect(kept).toEqual({ title: 'Review next friday', tags: [], spans: [] });
  });

  it("reads today in the user's zone", () => {
    const now = new Date('2026-12-01T12:00:00Z'); // already 2 December, 01:00, in Auckland
    expect(parseQuickAdd('Call tomorrow', { now, timeZone: 'Pacific/Auckland' }).due_date).toBe(
      '2026-12-03',
    );
    expect(parseQuickAdd('Call tomorrow', { now, timeZone: 'America/Los_Angeles' }).due_date).toBe(
      '2026-12-02',
    );
  });
});
