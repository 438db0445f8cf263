// The Drizzle schema barrel: one file per table, re-exported here and handed to `drizzle()`.
export * from './auth.ts';
export * from './changes.ts';
export * from './invitations.ts';
export * from './lists.ts';
export * from './rate-limits.ts';
export * from './task-counts.ts';
export * from './tasks.ts';
export * from './deleted-tasks.ts';
export * from './session-history.ts';
export * from './reminders.ts';
