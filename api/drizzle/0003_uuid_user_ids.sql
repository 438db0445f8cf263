-- Every Better Auth id becomes a uuid (the seed's contract: user ids are `format: uuid`). Rows
-- written before this migration hold 32-character random strings; each is mapped to a uuid by
-- one deterministic function, so a user id and every column that references it (sessions,
-- accounts, tasks, idempotency keys, the credential account's account_id) land on the same value
-- without a mapping table. A text that already is a uuid is kept; any other becomes md5(text)
-- with the RFC 9562 version 8 (custom) and variant bits set. Rate-limit keys name IPs and emails,
-- never users, and stay as they are. Old access tokens stop verifying (their kid and sub were
-- text ids): the web refreshes them with its session cookie, whose token column is unchanged.
CREATE FUNCTION "legacy_id_to_uuid"(legacy text) RETURNS uuid LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT CASE
    WHEN legacy ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN legacy::uuid
    ELSE overlay(overlay(md5(legacy) placing '8' from 13) placing '8' from 17)::uuid
  END
$$;--> statement-breakpoint
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "sessions" DROP CONSTRAINT "sessions_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "tasks" DROP CONSTRAINT "tasks_user_id_users_id_fk";--> statement-breakpoint
ALTER TABLE "users"
  ALTER COLUMN "id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("id"),
  ALTER COLUMN "id" SET DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "sessions"
  ALTER COLUMN "id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("id"),
  ALTER COLUMN "id" SET DEFAULT gen_random_uuid(),
  ALTER COLUMN "user_id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("user_id");--> statement-breakpoint
-- A credential account's account_id is its user's id (Better Auth writes it so).
UPDATE "accounts" SET "account_id" = "legacy_id_to_uuid"("account_id")::text
  WHERE "provider_id" = 'credential';--> statement-breakpoint
ALTER TABLE "accounts"
  ALTER COLUMN "id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("id"),
  ALTER COLUMN "id" SET DEFAULT gen_random_uuid(),
  ALTER COLUMN "user_id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("user_id");--> statement-breakpoint
ALTER TABLE "verifications"
  ALTER COLUMN "id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("id"),
  ALTER COLUMN "id" SET DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "jwks"
  ALTER COLUMN "id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("id"),
  ALTER COLUMN "id" SET DEFAULT gen_random_uuid();--> statement-breakpoint
ALTER TABLE "idempotency_keys"
  ALTER COLUMN "user_id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("user_id");--> statement-breakpoint
ALTER TABLE "tasks"
  ALTER COLUMN "user_id" SET DATA TYPE uuid USING "legacy_id_to_uuid"("user_id");--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
DROP FUNCTION "legacy_id_to_uuid"(text);
