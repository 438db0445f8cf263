import { describe, it } from 'vitest';
import { expectReading, type Expected } from './quick-add.test-helper.ts';

const WEEKDAYS = 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR';

/** Repetitions in plain words, at Tuesday 1 December 2026, 10:00 in London. */
const RECURRING_PHRASES: [string, Expected][] = [
  [
    'Pay rent every month on the 1st at 9am #home !high',
    {
      title: 'Pay rent',
      due_date: '2027-01-01',
      due_time: '09:00',
      rrule: 'FREQ=MONTHLY;BYMONTHDAY=1',
      tags: ['home'],
      priority: 'High',
    },
  ],
  [
    'Standup every weekday 9:30',
    { title: 'Standup', due_date: '2026-12-02', due_time: '09:30', rrule: WEEKDAYS },
  ],
  [
    'Water plants every 3 days',
    { title: 'Water plants', due_date: '2026-12-01', rrule: 'FREQ=DAILY;INTERVAL=3' },
  ],
  ['Exercise daily', { title: 'Exercise', due_date: '2026-12-01', rrule: 'FREQ=DAILY' }],
  ['Newsletter weekly', { title: 'Newsletter', due_date: '2026-12-01', rrule: 'FREQ=WEEKLY' }],
  ['Rent monthly', { title: 'Rent', due_date: '2026-12-01', rrule: 'FREQ=MONTHLY' }],
  ['Birthday annually', { title: 'Birthday', due_date: '2026-12-01', rrule: 'FREQ=YEARLY' }],
  [
    'Journal every day at 9pm',
    { title: 'Journal', due_date: '2026-12-01', due_time: '21:00', rrule: 'FREQ=DAILY' },
  ],
  [
    'Vitamins every day at 8am',
    { title: 'Vitamins', due_date: '2026-12-02', due_time: '08:00', rrule: 'FREQ=DAILY' },
  ],
  [
    'Stretch every other day',
    { title: 'Stretch', due_date: '2026-12-01', rrule: 'FREQ=DAILY;INTERVAL=2' },
  ],
  [
    'Sprint review every 2 weeks',
    { title: 'Sprint review', due_date: '2026-12-01', rrule: 'FREQ=WEEKLY;INTERVAL=2' },
  ],
  [
    'Pay card every month on the last day',
    { title: 'Pay card', due_date: '2026-12-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
  ],
  [
    'Close books every last day of the month',
    { title: 'Close books', due_date: '2026-12-31', rrule: 'FREQ=MONTHLY;BYMONTHDAY=-1' },
  ],
  [
    'Team sync every monday and thursday at 10am',
    {
      title: 'Team sync',
      due_date: '2026-12-03',
      due_time: '10:00',
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TH',
    },
  ],
  [
    'Yoga every tue, thu',
    { title: 'Yoga', due_date: '2026-12-01', rrule: 'FREQ=WEEKLY;BYDAY=TU,TH' },
  ],
  [
    'Board meeting every 2nd tuesday',
    { title: 'Board meeting', due_date: '2026-12-08', rrule: 'FREQ=MONTHLY;BYDAY=2TU' },
  ],
  [
    'Review every last friday of the month',
    { title: 'Review', due_date: '2026-12-25', rrule: 'FREQ=MONTHLY;BYDAY=-1FR' },
  ],
  [
    'Anniversary every june 12',
    { title: 'Anniversary', due_date: '2027-06-12', rrule: 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12' },
  ],
  [
    'Send card every Dec 25 #family',
    {
      title: 'Send card',
      due_date: '2026-12-25',
      rrule: 'FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25',
      tags: ['family'],
    },
  ],
  [
    'Fees every 1st of the month',
    { title: 'Fees', due_date: '2026-12-01', rrule: 'FREQ=MONTHLY;BYMONTHDAY=1' },
  ],
  [
    'Cleanup every weekend',
    { title: 'Cleanup', due_date: '2026-12-05', rrule: 'FREQ=WEEKLY;BYDAY=SA,SU' },
  ],
  [
    'Haircut every! 4 weeks',
    {
      title: 'Haircut',
      due_date: '2026-12-01',
      rrule: 'FREQ=WEEKLY;INTERVAL=4',
      from: 'completion',
    },
  ],
  [
    'Water cactus every 10 days after completion',
    {
      title: 'Water cactus',
      due_date: '2026-12-01',
      rrule: 'FREQ=DAILY;INTERVAL=10',
      from: 'completion',
    },
  ],
  [
    'Quarterly report every 3 months on the 15th',
    {
      title: 'Quarterly report',
      due_date: '2026-12-15',
      rrule: 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15',
    },
  ],
  [
    'Mow lawn every week on saturday',
    { title: 'Mow lawn', due_date: '2026-12-05', rrule: 'FREQ=WEEKLY;BYDAY=SA' },
  ],
  [
    'Report every friday starting next month',
    { title: 'Report starting', due_date: '2027-01-01', rrule: 'FREQ=WEEKLY;BYDAY=FR' },
  ],
  [
    'Standup every weekday 9:30 @Work !2',
    {
      title: 'Standup',
      due_date: '2026-12-02',
      due_time: '09:30',
      rrule: WEEKDAYS,
      list: 'Work',
      priority: 'Medium',
    },
  ],
  [
    'Mixed CASE Every Weekday At 8AM',
    { title: 'Mixed CASE', due_date: '2026-12-02', due_time: '08:00', rrule: WEEKDAYS },
  ],
  [
    'Review PR every friday !high @work #code',
    {
      title: 'Review PR',
      due_date: '2026-12-04',
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      priority: 'High',
      list: 'Work',
      tags: ['code'],
    },
  ],
];

describe('quick add: repetitions', () => {
  it.each(RECURRING_PHRASES)('%s', expectReading);
});
