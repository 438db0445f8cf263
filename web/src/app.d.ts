// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
  namespace App {
    interface Platform {
      env: {
        /** Service binding to the API worker (production). */
        API?: { fetch(request: Request): Promise<Response> };
        /** Origin of the API worker when no binding is available (local production build). */
        API_ORIGIN?: string;
      };
    }
  }
}

export {};
