// Types for `cloudflare:workers` inside the tests: the main module is the API worker.
declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index.ts');
  }
  interface Env {
    DATABASE_URL: string;
    NEON_HTTP_ENDPOINT: string;
    ENVIRONMENT: string;
    BETTER_AUTH_SECRET: string;
    BETTER_AUTH_URL: string;
    CORS_ORIGINS: string;
    JWT_ISSUER: string;
    JWT_AUDIENCE: string;
    DB_TIMEOUT_MS: string;
    VAPID_PUBLIC_KEY: string;
    VAPID_PRIVATE_KEY: string;
    VAPID_SUBJECT: string;
    AUTH_RATE_LIMIT_WINDOW_SECONDS?: string;
    AUTH_RATE_LIMIT_PER_IP?: string;
    AUTH_RATE_LIMIT_PER_EMAIL?: string;
    AUTH_SIGN_IN_MAX_DELAY_MS?: string;
    DATA_WRITE_LIMITER: RateLimit;
    DATA_READ_LIMITER: RateLimit;
    PRODUCTION_WRITE_LIMITER: RateLimit;
    PRODUCTION_READ_LIMITER: RateLimit;
    LIVE: DurableObjectNamespace<import('../src/live/live-object.ts').LiveObject>;
  }
}
