import type { Handle } from '@sveltejs/kit';
import { API_PREFIX } from '@tasks/shared';
import { forwardToApi } from '$lib/server/forward-api';

export const handle: Handle = async ({ event, resolve }) => {
  const { pathname } = event.url;
  if (pathname === API_PREFIX || pathname.startsWith(`${API_PREFIX}/`)) return forwardToApi(event);
  return resolve(event);
};
