/** Which web the suites drive: the vite dev server or the production build under wrangler. */
export type Target = 'dev' | 'prod';

export const E2E_PORTS = { database: 8930, api: 8931, dev: 5230, prod: 5231 } as const;

export function targetFromEnv(): Target {
  return process.env.E2E_TARGET === 'prod' ? 'prod' : 'dev';
}

export function webOrigin(target: Target): string {
  return `http://127.0.0.1:${E2E_PORTS[target]}`;
}
