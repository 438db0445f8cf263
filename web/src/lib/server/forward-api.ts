import { env } from '$env/dynamic/private';
import type { RequestEvent } from '@sveltejs/kit';

/**
 * Forwards a browser request for /api/* unchanged to the API worker: through the `API` service
 * binding in production, or to `API_ORIGIN` (a separately running `wrangler dev`) locally.
 */
export async function forwardToApi(event: RequestEvent): Promise<Response> {
  const origin = event.platform?.env.API_ORIGIN ?? env.API_ORIGIN;
  const binding = event.platform?.env.API;
  const target = new URL(event.url.pathname + event.url.search, origin ?? event.url.origin);
  const request = new Request(target, event.request);
  if (!origin && !binding) {
    return apiUnreachable('The web has no route to the API (no API binding, no API_ORIGIN).');
  }
  try {
    return withPrivateCaching(await (origin ? fetch(request) : binding!.fetch(request)));
  } catch {
    return apiUnreachable('The API could not be reached.');
  }
}

/**
 * The adapter's worker caches any cacheable GET in `caches.default`, keyed by URL alone; an API
 * answer is per user, so it must never land in that shared cache.
 */
function withPrivateCaching(response: Response): Response {
  // A WebSocket upgrade (the live socket) passes as it is: a copy would drop its socket.
  if (response.status === 101 || response.headers.has('cache-control')) return response;
  const copy = new Response(response.body, response);
  copy.headers.set('cache-control', 'private, no-store');
  return copy;
}

function apiUnreachable(detail: string): Response {
  const problem = { type: 'about:blank', title: 'Service Unavailable', status: 503, detail };
  return new Response(JSON.stringify(problem), {
    status: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '5' },
  });
}
