/** A task's ETag: its version, quoted (strong: the version changes with every change). */
export const etagOf = (version: number) => `"${version}"`;

const entityTags = (header: string) =>
  header.split(',').map((tag) => tag.trim().replace(/^W\//, ''));

/**
 * The versions an `If-Match` header accepts: undefined when absent or `*` (any current task),
 * otherwise the quoted integers it lists. An unparseable tag matches nothing, so the write fails
 * with 412 as RFC 9110 prescribes for a tag that is not current.
 */
export function acceptedVersions(header: string | undefined): number[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  return entityTags(header).flatMap((tag) => {
    const version = /^"(\d{1,9})"$/.exec(tag)?.[1];
    return version === undefined ? [] : [Number(version)];
  });
}

/** Whether `If-None-Match` names the current version (weak comparison, as RFC 9110 asks). */
export function noneMatchHits(header: string | undefined, version: number): boolean {
  if (header === undefined) return false;
  return header.trim() === '*' || entityTags(header).includes(etagOf(version));
}
