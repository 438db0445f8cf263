import { app } from './app.ts';

/** The Cloudflare Worker: every request goes through the Hono app. */
export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Record<string, unknown>>;
