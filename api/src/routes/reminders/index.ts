import { createRouter } from '../../router.ts';
import { upcomingHandler, upcomingRoute } from './routes.ts';

/** `/reminders…`: what an open tab schedules itself; one round trip. */
export const reminderRoutes = createRouter().openapi(upcomingRoute, upcomingHandler);
