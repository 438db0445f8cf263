import { z } from 'zod';
import { ReminderDefaultsSchema } from './reminders.ts';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

/** The seed's password policy, enforced by the API and shown by the web before submit. */
export const PASSWORD_RULES = [
  { test: (p: string) => p.length >= PASSWORD_MIN, message: `at least ${PASSWORD_MIN} characters` },
  { test: (p: string) => /[a-z]/.test(p), message: 'at least one lower-case letter' },
  { test: (p: string) => /[A-Z]/.test(p), message: 'at least one upper-case letter' },
] as const;

export const PasswordSchema = z
  .string()
  .max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`)
  .superRefine((password, ctx) => {
    for (const rule of PASSWORD_RULES) {
      if (!rule.test(password))
        ctx.addIssue({ code: 'custom', message: `Password needs ${rule.message}` });
    }
  });

export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const SignupRequestSchema = z
  .strictObject({
    email: EmailSchema,
    password: PasswordSchema,
    name: z.string().trim().max(100).optional(),
  })
  .meta({ id: 'SignupRequest' });
export type SignupRequest = z.infer<typeof SignupRequestSchema>;

export const SignupResponseSchema = z
  .object({ id: z.uuid(), email: z.email(), created_at: z.iso.datetime() })
  .meta({ id: 'SignupResponse' });
export type SignupResponse = z.infer<typeof SignupResponseSchema>;

const LoginPasswordSchema = z.string().min(1).max(128);

export const LoginRequestSchema = z
  .strictObject({ email: EmailSchema, password: LoginPasswordSchema })
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/**
 * The sign-in form (`application/x-www-form-urlencoded`): the JSON fields, or an OAuth2
 * password-grant client's (RFC 6749 §4.3.2: `username`, `password`, optional `grant_type` and
 * `scope`). Either spelling becomes the same `LoginRequest`; errors name the field as sent.
 */
export const LoginFormSchema = z
  .strictObject({
    email: EmailSchema.optional(),
    username: EmailSchema.optional(),
    password: LoginPasswordSchema,
    grant_type: z.literal('password').optional(),
    scope: z.string().max(256).optional(),
  })
  // `when`: checked even when another field failed, so every problem is named at once.
  .refine((form) => form.email !== undefined || form.username !== undefined, {
    path: ['email'],
    message: 'Send `email` (or `username`)',
    when: () => true,
  })
  .refine((form) => form.email === undefined || form.username === undefined, {
    path: ['username'],
    message: 'Send `email` or `username`, not both',
    when: () => true,
  })
  .transform(({ email, username, password }): LoginRequest => ({
    email: email ?? username ?? '',
    password,
  }));

export const AccessTokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('bearer'),
    expires_in: z.number().int().positive(),
  })
  .meta({ id: 'AccessToken' });
export type AccessToken = z.infer<typeof AccessTokenSchema>;

/**
 * A refresh token, issued only to clients that are not browsers (no `Origin`, no cookie): a
 * browser's one session credential is its HttpOnly cookie. Single use: every refresh answers a
 * new one, and presenting a used one again ends the session.
 */
const RefreshTokenField = z.string().min(1).max(512);

export const LoginResponseSchema = AccessTokenSchema.extend({
  refresh_token: RefreshTokenField.optional(),
}).meta({ id: 'LoginResponse' });
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const TokenRequestSchema = z
  .strictObject({ refresh_token: RefreshTokenField.optional() })
  .meta({ id: 'TokenRequest' });
export type TokenRequest = z.infer<typeof TokenRequestSchema>;

export const TokenResponseSchema = AccessTokenSchema.extend({
  refresh_token: RefreshTokenField.optional(),
}).meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const MeSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    created_at: z.iso.datetime(),
    /** IANA zone of the user; null until set (the web sets the browser's on first sign-in). */
    time_zone: z.string().nullable(),
    reminder_defaults: ReminderDefaultsSchema,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const LogoutResponseSchema = z
  .object({ logged_out: z.literal(true) })
  .meta({ id: 'LogoutResponse' });
export type LogoutResponse = z.infer<typeof LogoutResponseSchema>;

/** One signed-in device of the caller, as the account page lists it; never a token. */
export const SessionSchema = z
  .object({
    id: z.uuid(),
    /** The User-Agent it signed in with, or null when it sent none. */
    device: z.string().nullable(),
    created_at: z.iso.datetime(),
    last_used_at: z.iso.datetime(),
    /** True for the session the request's access token belongs to. */
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

export const SessionListSchema = z
  .object({ sessions: z.array(SessionSchema) })
  .meta({ id: 'SessionList' });
export type SessionList = z.infer<typeof SessionListSchema>;

export const SessionsEndedSchema = z
  .object({ sessions_ended: z.number().int().nonnegative() })
  .meta({ id: 'SessionsEnded' });
export type SessionsEnded = z.infer<typeof SessionsEndedSchema>;

export const SessionIdParamSchema = z.object({ id: z.uuid() });

/** Changing the password needs the current one; the new one follows the sign-up policy. */
export const ChangePasswordRequestSchema = z
  .strictObject({
    current_password: z.string().min(1, 'Enter your current password').max(128),
    new_password: PasswordSchema,
  })
  .meta({ id: 'ChangePasswordRequest' });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
