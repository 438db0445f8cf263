import type { Handler } from 'hono';
import { apiPaths } from '@tasks/shared';
import { DOCS_UI_PATH } from './docs-ui.ts';

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

// Swagger UI's files are this worker's own static assets: no CDN, so the page works offline.
// `validatorUrl: null` keeps it from asking validator.swagger.io for a badge.
function page(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tasks API reference</title>
<link rel="stylesheet" href="${DOCS_UI_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_UI_PATH}/swagger-ui-bundle.js"></script>
<script nonce="${nonce}">
window.ui = SwaggerUIBundle({ url: '${apiPaths.openapi}', dom_id: '#swagger-ui', validatorUrl: null });
</script>
</body>
</html>`;
}

/** `GET /api/v1/docs`: Swagger UI over the OpenAPI document, with a CSP scoped to this page. */
export const docsPage: Handler = (c) => {
  const nonce = randomNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'self'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  c.header('Content-Security-Policy', csp);
  return c.html(page(nonce));
};
