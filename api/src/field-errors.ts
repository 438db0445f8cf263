import { READ_ONLY_TASK_FIELDS, type FieldError } from '@tasks/shared';
import type { core } from 'zod';

const READ_ONLY = new Set<string>(READ_ONLY_TASK_FIELDS);

/** What a validation target is called in `errors[].path` when the issue is about the whole of it. */
export function targetLabel(target: string): string {
  if (target === 'json' || target === 'form') return 'body';
  return target === 'param' ? 'path' : target;
}

/**
 * Turns zod issues into `{path, message}` pairs with dotted paths (`tags.3`, `title`).
 * An unknown key becomes one entry per key: "read-only field" for server-owned task fields,
 * "unknown field" otherwise. An issue about the whole input is reported at `rootLabel`.
 */
export function issuesToFieldErrors(
  issues: readonly core.$ZodIssue[],
  rootLabel: string,
): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((segment) => String(segment));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        message: path.length === 0 && READ_ONLY.has(key) ? 'read-only field' : 'unknown field',
      }));
    }
    return [{ path: path.length ? path.join('.') : rootLabel, message: issue.message }];
  });
}
