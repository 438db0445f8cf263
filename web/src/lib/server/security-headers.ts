/**
 * Headers every page of the web carries (the CSP comes from `kit.csp` in svelte.config.js; /api
 * answers carry the API's own). HSTS only in production builds: over the dev server's plain HTTP
 * it means nothing, and on a developer's `localhost` it would stick to every other local app.
 */
export function securityHeaders(production: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    // Powerful features the app never uses, off for it and for anything it might embed.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** Sets `headers` on a page response (SvelteKit's own responses have mutable headers). */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
