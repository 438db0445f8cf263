CREATE TABLE "rotated_refresh_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"rotated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_revocations" (
	"session_id" uuid PRIMARY KEY NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rotated_refresh_tokens" ADD CONSTRAINT "rotated_refresh_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rotated_refresh_tokens_session_id_idx" ON "rotated_refresh_tokens" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_revocations_revoked_at_idx" ON "session_revocations" USING btree ("revoked_at");--> statement-breakpoint
-- Every way a session ends deletes its row (Better Auth's sign-out, our revocations, password
-- changes, reuse detection, cascades from a deleted user); this trigger records each one so
-- isolates can refuse that session's access tokens, whichever code path ended it.
CREATE FUNCTION "record_session_revocation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "session_revocations" ("session_id") VALUES (OLD."id")
    ON CONFLICT ("session_id") DO UPDATE SET "revoked_at" = now();
  -- Access tokens live 15 minutes; a day-old revocation guards nothing any more.
  DELETE FROM "session_revocations" WHERE "revoked_at" < now() - interval '1 day';
  RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "sessions_record_revocation" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "record_session_revocation"();
