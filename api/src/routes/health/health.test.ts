import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { api, callerWith } from '../../../test/api.ts';
import { expectProblem } from '../../../test/problem.ts';
import { dbRoundTrips } from '../../../test/server-timing.ts';

const faultControl = inject('faultProxyControl');
const setFault = async (mode: 'up' | 'down' | 'stall' | 'error') => {
  const res = await fetch(`${faultControl}/mode/${mode}`, { method: 'POST' });
  expect(res.status).toBe(204);
};

afterAll(() => setFault('up'));

describe('GET /api/v1/health', () => {
  it('is ok after one real round trip to the database', async () => {
    const res = await api('/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
    expect(dbRoundTrips(res)).toBe(1);
  });

  it('is a 503 with Retry-After when nothing listens at the database address', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const dead = callerWith({ NEON_HTTP_ENDPOINT: inject('deadEndpoint') });
    const res = await dead('/api/v1/health');
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(dbRoundTrips(res)).toBe(1);
    await expectProblem(res, 503, { title: 'Service Unavailable' });
  });

  it('follows the database down and back up without a restart', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // One deployment whose database traffic crosses a network the test can break.
    const call = callerWith({
      NEON_HTTP_ENDPOINT: inject('faultProxyEndpoint'),
      DB_TIMEOUT_MS: '300',
    });
    expect((await call('/api/v1/health')).status).toBe(200);

    await setFault('down');
    const dropped = await call('/api/v1/health');
    expect(dropped.headers.get('Retry-After')).toMatch(/^\d+$/);
    await expectProblem(dropped, 503);

    await setFault('error');
    await expectProblem(await call('/api/v1/health'), 503);

    await setFault('stall');
    const stalled = await call('/api/v1/health');
    expect(stalled.headers.get('Retry-After')).toMatch(/^\d+$/);
    await expectProblem(stalled, 504, { detail: 'The database did not answer in time.' });

    await setFault('up');
    const recovered = await call('/api/v1/health');
    expect(recovered.status).toBe(200);
    expect(await recovered.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
