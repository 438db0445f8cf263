import { PROBLEM_CONTENT_TYPE, ProblemSchema, type Problem } from '@tasks/shared';
import { expect } from 'vitest';

/**
 * Asserts `response` is an RFC 9457 problem with `status` (and, if given, matching fields), and
 * returns the parsed body. Pass `errors: expect.arrayContaining([...])` to check some field errors.
 */
export async function expectProblem(
  response: Response,
  status: number,
  expected: Partial<Record<keyof Problem, unknown>> = {},
): Promise<Problem> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  expect(response.headers.get('Content-Type')).toBe(PROBLEM_CONTENT_TYPE);
  const problem = ProblemSchema.strict().parse(JSON.parse(text));
  expect(problem.status).toBe(status);
  expect(problem).toMatchObject(expected);
  return problem;
}

/** The `errors[].path` values of a validation problem, sorted. */
export function errorPaths(problem: Problem): string[] {
  return (problem.errors ?? []).map((error) => error.path).sort();
}
