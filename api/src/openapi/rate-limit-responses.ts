import { PROBLEM_CONTENT_TYPE } from '@tasks/shared';
import { dataLimitOf } from '../middleware/data-rate-limits.ts';

type Operations = Record<string, Record<string, { responses?: Record<string, unknown> }>>;

const TOO_MANY = {
  description:
    'Too many requests of this kind by this user (writes, or searches, tag filters and counts); ' +
    'retry after `Retry-After` seconds',
  headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
  content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
};

/**
 * Adds the 429 of the per-user data limits to every operation the limit middleware can refuse,
 * so the route definitions need not each repeat it. A list operation counts if its search or tag
 * filter would be limited.
 */
export function documentRateLimits(paths: Operations): void {
  for (const [path, operations] of Object.entries(paths)) {
    const url = new URL(path, 'http://api.test');
    const searched = new URL(`${path}?q=x`, 'http://api.test');
    for (const [method, operation] of Object.entries(operations)) {
      const verb = method.toUpperCase();
      if (!dataLimitOf(verb, url) && !dataLimitOf(verb, searched)) continue;
      operation.responses = { ...operation.responses, 429: TOO_MANY };
    }
  }
}
