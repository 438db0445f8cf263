import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { api } from '../../test/api.ts';

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document built from the routes and shared schemas', async () => {
    const res = await api('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths['/api/v1/health'] ?? {})).toEqual(['get']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Problem', 'FieldError', 'Health']),
    );
    // `.meta({ id })` on shared schemas must become $refs, not inlined copies.
    expect(JSON.stringify(doc.paths['/api/v1/health'])).toContain('#/components/schemas/Health');
  });

  it('is a valid OpenAPI document, every $ref resolving', async () => {
    const doc = await (await api('/api/v1/openapi.json')).json();
    await expect(SwaggerParser.validate(doc as never)).resolves.toMatchObject({ openapi: '3.1.0' });
  });

  it('renders the docs page with a CSP that admits only its own script', async () => {
    const res = await api('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await res.text();
    const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(res.headers.get('Content-Security-Policy')).toContain(`'nonce-${nonce}'`);
    expect(html).toContain("url: '/api/v1/openapi.json'");
    // Offline: every file the page loads is this origin's (e2e docs.spec.ts renders it offline).
    expect([...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/api/v1/docs/ui/swagger-ui.css',
      '/api/v1/docs/ui/swagger-ui-bundle.js',
    ]);
    expect(res.headers.get('Content-Security-Policy')).not.toMatch(/https?:/);
  });
});
