import { createRouter } from '../../router.ts';
import { jwksRoutes } from './jwks.ts';
import { loginRoutes } from './login.ts';
import { logoutRoutes } from './logout.ts';
import { nativeAuthRoutes } from './native.ts';
import { signupRoutes } from './signup.ts';
import { tokenRoutes } from './token.ts';

export { meRoutes } from './me.ts';

/** Everything under `/api/v1/auth`: the seed endpoints first, then Better Auth's allowlisted ones. */
export const authRoutes = createRouter()
  .route('/', signupRoutes)
  .route('/', loginRoutes)
  .route('/', tokenRoutes)
  .route('/', logoutRoutes)
  .route('/', jwksRoutes)
  .route('/', nativeAuthRoutes);
