/** Which web the suites drive: the vite dev server or the production build under wrangler. */
export type Target = 'dev' | 'prod';

// E2E_PORT_OFFSET moves the whole set, so two checkouts on one machine can run their suites at once.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const E2E_PORTS = {
  database: 8930 + offset,
  api: 8931 + offset,
  dev: 5230 + offset,
  prod: 5231 + offset,
} as const;

export function targetFromEnv(): Target {
  return process.env.E2E_TARGET === 'prod' ? 'prod' : 'dev';
}

export function webOrigin(target: Target): string {
  return `http://127.0.0.1:${E2E_PORTS[target]}`;
}
