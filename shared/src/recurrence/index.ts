// The recurrence engine, a subpath of its own (`@tasks/shared/recurrence`) so that only pages
// that repeat tasks load it.
export * from './expand.ts';
export * from './next.ts';
export * from './rrule.ts';
export * from '../time/plain-date.ts';
export * from '../time/zoned.ts';
