// The local Neon server runs SQL for anyone who can reach it, with no credential of its own, so
// it answers only local programs: a web page must not reach it, not even by DNS rebinding.
import type { IncomingHttpHeaders } from 'node:http';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host name of a `Host` header (`127.0.0.1:4444` → `127.0.0.1`, `[::1]:4444` → `[::1]`). */
function hostName(host: string): string {
  return host.replace(/:\d+$/, '').toLowerCase();
}

/**
 * Why a request must be refused, or undefined to serve it. A rebound DNS name arrives with its
 * own name in `Host`; a page's cross-origin POST (even a "simple" one, which needs no preflight)
 * carries `Origin`. The worker's and Node's fetch send neither a foreign host nor an origin.
 */
export function refusalOf(headers: IncomingHttpHeaders): string | undefined {
  if (!headers.host || !LOOPBACK_HOSTS.has(hostName(headers.host))) {
    return 'the Host header must name a loopback address';
  }
  if (headers.origin !== undefined) return 'browser requests (with an Origin header) are refused';
  return undefined;
}
