import { me } from '$lib/api/auth';
import { setTimeZone } from '$lib/api/account';
import { browserTimeZone } from './due-format';

/**
 * The user's zone (`GET /me`): floating due dates, "today" and the views follow it. Until it
 * is read, this browser's zone stands in for it.
 */
class UserZone {
  value = $state(browserTimeZone());
}
export const userZone = new UserZone();

let loading: Promise<void> | undefined;

/** Reads the user's zone once per page load; a user without one yet gets this browser's. */
export function loadUserZone(): Promise<void> {
  loading ??= (async () => {
    const profile = await me();
    const zone = profile.time_zone ?? (await setTimeZone(browserTimeZone())).time_zone;
    if (zone) userZone.value = zone;
  })().catch(() => {
    loading = undefined; // offline or signed out: try again on the next page
  });
  return loading;
}
