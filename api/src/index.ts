import { app } from './app.ts';
import { getEnv } from './env.ts';
import { runReminders } from './scheduler/run-reminders.ts';

export { LiveObject } from './live/live-object.ts';

/**
 * The Cloudflare Worker: every request goes through the Hono app; the Cron Trigger (every minute,
 * wrangler.toml) sends the reminders that are due. A cron run may start late, so it works at the
 * later of its scheduled time and the clock.
 */
export default {
  fetch: app.fetch,
  async scheduled(controller, bindings, ctx) {
    const now = new Date(Math.max(controller.scheduledTime, Date.now()));
    const summary = await runReminders(getEnv(bindings), now);
    if (summary.claimed > 0) console.log(JSON.stringify({ msg: 'reminders', ...summary }));
    void ctx;
  },
} satisfies ExportedHandler<Record<string, unknown>>;
