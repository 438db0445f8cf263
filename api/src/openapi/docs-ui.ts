import { apiPaths } from '@tasks/shared';

/** Where the reference UI's files are served from (Workers static assets, see dev/docs-assets.ts). */
export const DOCS_UI_PATH = `${apiPaths.docs}/ui`;

/** The swagger-ui-dist files the docs page loads. */
export const DOCS_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
