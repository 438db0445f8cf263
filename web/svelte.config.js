import adapter from '@sveltejs/adapter-cloudflare';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const cloudflare = adapter();
// The dev server forwards /api through vite's proxy and needs no bindings, so we skip the
// adapter's emulation: it would start a second workerd (and the dev registry) per dev server.
delete cloudflare.emulate;

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    adapter: cloudflare,
    // Absolute asset paths: the service worker serves the app shell for any page offline
    // (lib/offline/sw-shell.ts), and `./_app/…` in it would resolve under /lists/… there.
    paths: { relative: false },
    typescript: {
      config: (tsconfig) => {
        tsconfig.include.push('../vite/**/*.ts', '../e2e/**/*.ts', '../playwright.config.ts');
      },
    },
    // Paths: /api/* belongs to the API worker; the Pages worker forwards it (hooks.server.ts).
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        // Forms may only submit to this origin: injected markup cannot post data elsewhere.
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};
