import { createRouter } from '../../router.ts';
import { listChangesHandler, listChangesRoute } from './routes.ts';

/** `/changes`: the feed, one database round trip per page. */
export const changeRoutes = createRouter().openapi(listChangesRoute, listChangesHandler);
