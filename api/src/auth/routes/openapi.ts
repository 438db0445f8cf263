import { PROBLEM_CONTENT_TYPE, ProblemSchema } from '@tasks/shared';
import type { z } from 'zod';

/** An OpenAPI response whose body is a problem document. */
export const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

/** An OpenAPI JSON request body or response with `schema`. */
export const json = <T extends z.ZodType>(schema: T, description = '') => ({
  description,
  content: { 'application/json': { schema } },
});

/** Problems every auth endpoint can answer with. */
export const AUTH_PROBLEMS = {
  400: problem('A field is missing, malformed or breaks a rule; `errors[]` names it'),
  403: problem('The request came from an origin that is not trusted'),
  415: problem('The body is not JSON'),
  429: problem('Too many attempts; retry after `Retry-After` seconds'),
} as const;
