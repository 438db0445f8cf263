import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';
import { TEST_ORIGIN } from '../../test/test-env.ts';

describe('CORS', () => {
  it('allows a listed origin with credentials and exposes the timing and id headers', async () => {
    const res = await api('/api/v1/health', { headers: { Origin: TEST_ORIGIN } });
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(TEST_ORIGIN);
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('Server-Timing');
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');
    expect(res.headers.get('Vary')).toContain('Origin');
  });

  it('gives an unlisted origin no Access-Control-Allow-Origin', async () => {
    for (const origin of ['https://evil.example', `${TEST_ORIGIN}.evil.example`, 'null']) {
      const res = await api('/api/v1/health', { headers: { Origin: origin } });
      expect(res.status).toBe(200);
      expect(res.headers.has('Access-Control-Allow-Origin')).toBe(false);
    }
  });

  it('answers a preflight from a listed origin', async () => {
    const res = await api('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PATCH',
        'Access-Control-Request-Headers': 'authorization, content-type, if-match',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('PATCH');
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe(
      'authorization,content-type,if-match',
    );
    expect(res.headers.get('Access-Control-Max-Age')).toBe('600');
  });

  it('answers a preflight from an unlisted origin without allowing it', async () => {
    const res = await api('/api/v1/tasks', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'DELETE' },
    });
    expect(res.headers.has('Access-Control-Allow-Origin')).toBe(false);
  });
});
