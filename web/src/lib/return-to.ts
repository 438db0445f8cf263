/** Why the user was sent to log in, shown above the form. */
export type LoginReason = 'expired' | 'signed-out';

/** `/login` with where to come back to afterwards (and why the user is there, if known). */
export function loginHref(returnTo: string, reason?: LoginReason): string {
  const params = new URLSearchParams();
  if (returnTo !== '/') params.set('redirect', returnTo);
  if (reason) params.set('reason', reason);
  const search = params.toString();
  return search ? `/login?${search}` : '/login';
}

/**
 * The page to return to after logging in: only a path on this site (`/x`, never `//evil` or
 * `https://…`), so the parameter cannot send the user elsewhere.
 */
export function returnTarget(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value;
}
