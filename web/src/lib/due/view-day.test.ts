import { describe, expect, it } from 'vitest';
import { withViewDay } from './view-day';

// 1 December 2026, 23:30 in London: already 2 December in Auckland.
const NOW = Date.parse('2026-12-01T23:30:00Z');

describe('the day a task added on a time page gets', () => {
  it('is today in the user’s zone on Today and on Upcoming', () => {
    expect(withViewDay({ title: 'Call' }, 'today', 'Europe/London', NOW)).toEqual({
      title: 'Call',
      due_date: '2026-12-01',
    });
    expect(withViewDay({ title: 'Call' }, 'upcoming', 'Pacific/Auckland', NOW).due_date).toBe(
      '2026-12-02',
    );
    expect(withViewDay({ title: 'Call' }, 'today', 'America/Los_Angeles', NOW).due_date).toBe(
      '2026-12-01',
    );
  });

  it('keeps a day the text or the options gave, and adds none elsewhere', () => {
    const dated = { title: 'Review', due_date: '2026-12-04', due_time: '09:00' };
    expect(withViewDay(dated, 'today', 'Europe/London', NOW)).toEqual(dated);
    const instant = { title: 'Old client', due_at: '2026-12-05T10:00:00Z' };
    expect(withViewDay(instant, 'upcoming', 'Europe/London', NOW)).toEqual(instant);
    expect(withViewDay({ title: 'Call' }, undefined, 'Europe/London', NOW)).toEqual({
      title: 'Call',
    });
  });
});
