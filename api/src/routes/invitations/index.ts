import { defaultHook } from '../../error-handler.ts';
import { createRouter } from '../../router.ts';
import { listNotFound } from '../lists/routes.ts';
import * as routes from './routes.ts';

/** A malformed path id is the same 404 as a missing list or invitation. */
const invitationHook: typeof defaultHook = (result, c) => {
  if (!result.success && result.target === 'param') {
    throw c.req.path.startsWith('/api/v1/invitations/')
      ? routes.invitationNotFound('id')
      : listNotFound();
  }
  return defaultHook(result, c);
};

/** The owner's `/lists/{id}/invitations…` and the addressee's `/invitations…`. */
export const invitationRoutes = createRouter(invitationHook)
  .openapi(routes.inviteRoute, routes.inviteHandler)
  .openapi(routes.listListInvitationsRoute, routes.listListInvitationsHandler)
  .openapi(routes.revokeRoute, routes.revokeHandler)
  .openapi(routes.myInvitationsRoute, routes.myInvitationsHandler)
  .openapi(routes.acceptRoute, routes.acceptHandler)
  .openapi(routes.declineRoute, routes.declineHandler);
