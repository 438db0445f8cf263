export * from './api-paths.ts';
export * from './auth.ts';
export * from './case-insensitive-enum.ts';
export * from './health.ts';
export * from './problem.ts';
export * from './task.ts';
export * from './task-query.ts';
