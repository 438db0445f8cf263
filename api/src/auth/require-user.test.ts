import { API_PREFIX } from '@tasks/shared';
import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';
import { expectProblem } from '../../test/problem.ts';
import { app } from '../app.ts';
import { PUBLIC_API_PATHS } from './auth-config.ts';
import { requireUser } from './require-user.ts';

/** Every endpoint the app serves: method and path, middleware (`use`, method ALL) left out. */
function endpoints() {
  const seen = new Set<string>();
  return app.routes
    .filter((route) => route.method !== 'ALL' && route.path.startsWith(`${API_PREFIX}/`))
    .map((route) => ({ method: route.method, path: route.path }))
    .filter(({ method, path }) => !seen.has(`${method} ${path}`) && seen.add(`${method} ${path}`));
}

/** A concrete URL for a route pattern: parameters get a syntactically valid id. */
function concrete(path: string): string {
  return path
    .replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000')
    .replace(/\/\*$/, '/anything');
}

function isPublic(path: string): boolean {
  return PUBLIC_API_PATHS.some((pattern) =>
    pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern,
  );
}

describe('every /api/v1 route', () => {
  const all = endpoints();
  const protectedRoutes = all.filter(({ path }) => !isPublic(path));

  it('is public only when listed on purpose', () => {
    const publicPaths = [
      ...new Set(all.filter(({ path }) => isPublic(path)).map(({ path }) => path)),
    ];
    expect(publicPaths.sort()).toEqual(
      [
        '/api/v1/auth/jwks',
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/auth/signup',
        '/api/v1/auth/token',
        '/api/v1/docs',
        '/api/v1/health',
        // The WebSocket upgrade: its single-use ticket is the credential (live/).
        '/api/v1/live',
        '/api/v1/openapi.json',
      ].sort(),
    );
    expect(protectedRoutes.map(({ path }) => path)).toContain('/api/v1/me');
  });

  it('answers 401 without a valid access token when it is not public', async () => {
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const { method, path } of protectedRoutes) {
      for (const authorization of [undefined, 'Bearer not-a-jwt']) {
        const headers: Record<string, string> = { 'Content-Type': 'application/json' };
        if (authorization) headers.Authorization = authorization;
        const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
        const res = await api(concrete(path), { method, headers, body });
        expect(res.status, `${method} ${path} (${authorization ?? 'no token'})`).toBe(401);
        if (method !== 'HEAD') await expectProblem(res, 401);
      }
    }
  });

  it('lets an unknown /api/v1 path reach the 404 problem, with or without a token', async () => {
    await expectProblem(await api('/api/v1/nope'), 404);
    await expectProblem(await api('/api/v1/nope', { headers: { Authorization: 'Bearer x' } }), 404);
  });
});

describe('requireUser setup', () => {
  it('refuses a malformed allowlist when the app is assembled, not per request', () => {
    for (const publicPaths of [['health'], ['/a/*/b'], ['/a/../b'], [42], '/a'] as never[]) {
      expect(() => requireUser({ publicPaths })).toThrow(TypeError);
    }
    expect(() => requireUser({ publicPaths: ['/api/v1/health', '/api/v1/auth/*'] })).not.toThrow();
  });
});
