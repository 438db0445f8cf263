import { createRouter } from '../../router.ts';
import * as push from './routes.ts';

/** `/push…`: the VAPID public key and this device's subscription; one round trip each. */
export const pushRoutes = createRouter()
  .openapi(push.publicKeyRoute, push.publicKeyHandler)
  .openapi(push.subscribeRoute, push.subscribeHandler)
  .openapi(push.unsubscribeRoute, push.unsubscribeHandler);
