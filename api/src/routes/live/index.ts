import { createRouter } from '../../router.ts';
import * as routes from './routes.ts';

/** `/live…`: tickets (no database round trip) and the socket upgrade. */
export const liveRoutes = createRouter()
  .openapi(routes.createTicketRoute, routes.createTicketHandler)
  .openapi(routes.openLiveRoute, routes.openLiveHandler);
