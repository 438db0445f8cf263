export * from './api-paths.ts';
export * from './auth.ts';
export * from './health.ts';
export * from './problem.ts';
export * from './tag-text.ts';
export * from './task.ts';
export * from './task-counts.ts';
export * from './task-query.ts';
