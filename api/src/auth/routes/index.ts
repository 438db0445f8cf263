import { createRouter } from '../../router.ts';
import { jwksRoutes } from './jwks.ts';
import { loginRoutes } from './login.ts';
import { logoutRoutes } from './logout.ts';
import { signupRoutes } from './signup.ts';
import { tokenRoutes } from './token.ts';

export { meRoutes } from './me.ts';
export { passwordRoutes } from './password.ts';

/**
 * Everything under `/api/v1/auth`. No Better Auth endpoint is mounted: the web needs none, and
 * each of them would be one more place a session token could leak (`get-session` and
 * `list-sessions` answer tokens, `update-user` skips our validation). Anything else is a 404.
 */
export const authRoutes = createRouter()
  .route('/', signupRoutes)
  .route('/', loginRoutes)
  .route('/', tokenRoutes)
  .route('/', logoutRoutes)
  .route('/', jwksRoutes);
