import { describe, expect, it } from 'vitest';
import { api, callerWith } from '../test/api.ts';
import { createProbeApp } from '../test/probe-routes.ts';
import { expectProblem } from '../test/problem.ts';
import { dbRoundTrips, parseServerTiming } from '../test/server-timing.ts';

describe('routing', () => {
  it('answers an unknown route with a 404 problem', async () => {
    // Outside /api/v1: inside it, requireUser answers 401 before routing (auth/require-user.ts).
    const res = await api('/nope');
    await expectProblem(res, 404, { title: 'Not Found', type: 'about:blank' });
  });

  it('answers an unknown public path under /api/v1 with a 404 problem', async () => {
    const call = callerWith({}, createProbeApp());
    await expectProblem(await call('/api/v1/probe/nope'), 404, { detail: 'No such endpoint.' });
  });

  it('lists the allowed methods of a route with path parameters', async () => {
    const call = callerWith({}, createProbeApp());
    const res = await call('/api/v1/probe/raise/23505', { method: 'POST' });
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    await expectProblem(res, 405);
  });

  it('answers a known path with the wrong method with 405 and Allow', async () => {
    const res = await api('/api/v1/health', { method: 'DELETE' });
    expect(res.headers.get('Allow')).toBe('GET, HEAD');
    await expectProblem(res, 405, { title: 'Method Not Allowed' });
  });

  it('serves HEAD wherever GET is served', async () => {
    const res = await api('/api/v1/health', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('Server-Timing', () => {
  it('is on error responses too, counting zero round trips when no query ran', async () => {
    for (const res of [await api('/nope'), await api('/api/v1/health', { method: 'PUT' })]) {
      expect(dbRoundTrips(res)).toBe(0);
      const timing = parseServerTiming(res.headers.get('Server-Timing'));
      expect(timing.db?.dur).toBeGreaterThanOrEqual(0);
      expect(timing.total?.dur).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('request id', () => {
  it('echoes a sane X-Request-Id', async () => {
    const res = await api('/nope', { headers: { 'X-Request-Id': 'trace-abc_123' } });
    expect(res.headers.get('X-Request-Id')).toBe('trace-abc_123');
  });

  it('replaces a missing or unsafe one with a fresh UUID', async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    const first = await api('/nope');
    const unsafe = await api('/nope', { headers: { 'X-Request-Id': 'a b<script>' } });
    const tooLong = await api('/nope', { headers: { 'X-Request-Id': 'x'.repeat(256) } });
    const ids = [first, unsafe, tooLong].map((res) => res.headers.get('X-Request-Id'));
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('secure headers', () => {
  it('sends the hardening headers and a deny-all CSP on API responses', async () => {
    const res = await api('/api/v1/health');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=15552000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(res.headers.has('X-Powered-By')).toBe(false);
  });
});
