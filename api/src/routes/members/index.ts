import { defaultHook } from '../../error-handler.ts';
import { createRouter } from '../../router.ts';
import { listNotFound } from '../lists/routes.ts';
import * as routes from './routes.ts';

/** A malformed path id is the same 404 as a missing list or member. */
const memberHook: typeof defaultHook = (result, c) => {
  if (!result.success && result.target === 'param') throw listNotFound();
  return defaultHook(result, c);
};

/** `/lists/{id}/members…` and the transfer: each one statement that reads the caller's role. */
export const memberRoutes = createRouter(memberHook)
  .openapi(routes.listMembersRoute, routes.listMembersHandler)
  .openapi(routes.updateMemberRoute, routes.updateMemberHandler)
  .openapi(routes.removeMemberRoute, routes.removeMemberHandler)
  .openapi(routes.transferRoute, routes.transferHandler);
