import type { Handler } from 'hono';
import { apiPaths } from '@tasks/shared';

const SWAGGER_UI = 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.35.0';
// Subresource Integrity of the two pinned CDN files (sha384 of the npm tarball contents).
const SCRIPT_SRI = 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9';
const STYLE_SRI = 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I';

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

function page(nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tasks API reference</title>
<link rel="stylesheet" href="${SWAGGER_UI}/swagger-ui.css" integrity="${STYLE_SRI}" crossorigin="anonymous">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${SWAGGER_UI}/swagger-ui-bundle.js" integrity="${SCRIPT_SRI}" crossorigin="anonymous"></script>
<script nonce="${nonce}">
window.ui = SwaggerUIBundle({ url: '${apiPaths.openapi}', dom_id: '#swagger-ui' });
</script>
</body>
</html>`;
}

/** `GET /api/v1/docs`: Swagger UI over the OpenAPI document, with a CSP scoped to this page. */
export const docsPage: Handler = (c) => {
  const nonce = randomNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' ${SWAGGER_UI}/`,
    `style-src ${SWAGGER_UI}/ 'unsafe-inline'`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  c.header('Content-Security-Policy', csp);
  return c.html(page(nonce));
};
