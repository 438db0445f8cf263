import { defaultHook } from '../../error-handler.ts';
import { createRouter } from '../../router.ts';
import * as routes from './routes.ts';

/** A malformed path id is the same 404 as a missing list. */
const listHook: typeof defaultHook = (result, c) => {
  if (!result.success && result.target === 'param') throw routes.listNotFound();
  return defaultHook(result, c);
};

/** `/lists…`: every handler makes one database round trip, authorized in its own statement. */
export const listRoutes = createRouter(listHook)
  .openapi(routes.listListsRoute, routes.listListsHandler)
  .openapi(routes.createListRoute, routes.createListHandler)
  .openapi(routes.getListRoute, routes.getListHandler)
  .openapi(routes.updateListRoute, routes.updateListHandler)
  .openapi(routes.deleteListRoute, routes.deleteListHandler);
