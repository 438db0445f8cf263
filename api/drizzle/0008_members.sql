-- Members and invitations (issue 11; docs/decisions/0015-members-and-invitations.md). Generated
-- by drizzle-kit, then by hand (drizzle can declare neither constraint below):
-- * the one-owner rule becomes a DEFERRABLE exclusion constraint, checked when the statement's
--   transaction commits, so a transfer swaps the owner and a member in one UPDATE whatever order
--   it visits the two rows;
-- * an assignee must be a member of the task's list: a foreign key (list_id, assignee_id) →
--   list_members whose ON DELETE sets only assignee_id to null, so removing a member unassigns
--   their tasks in the removing statement, also a task assigned to them concurrently (the FK
--   check locks the member row the removal deletes). Assignees who are not members (none were
--   ever set before this migration) are cleared first.
CREATE TYPE "public"."invitation_status" AS ENUM('pending', 'accepted', 'declined', 'revoked');--> statement-breakpoint
CREATE TABLE "list_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"list_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" "list_role" NOT NULL,
	"status" "invitation_status" DEFAULT 'pending' NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp (3) with time zone,
	CONSTRAINT "list_invitations_email_normalized" CHECK ("list_invitations"."email" = lower(btrim("list_invitations"."email"))),
	CONSTRAINT "list_invitations_not_owner" CHECK ("list_invitations"."role" <> 'owner'),
	CONSTRAINT "list_invitations_answered" CHECK (("list_invitations"."status" = 'pending') = ("list_invitations"."answered_at" is null))
);
--> statement-breakpoint
DROP INDEX "list_members_one_owner";--> statement-breakpoint
ALTER TABLE "list_invitations" ADD CONSTRAINT "list_invitations_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "list_invitations" ADD CONSTRAINT "list_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "list_invitations_pending_unique" ON "list_invitations" USING btree ("list_id",lower("email")) WHERE "list_invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "list_invitations_email_pending_idx" ON "list_invitations" USING btree (lower("email"),"created_at") WHERE "list_invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "tasks_list_assignee_idx" ON "tasks" USING btree ("list_id","assignee_id") WHERE "tasks"."assignee_id" is not null;--> statement-breakpoint
ALTER TABLE "list_members" ADD CONSTRAINT "list_members_one_owner" EXCLUDE USING btree ("list_id" WITH =) WHERE ("role" = 'owner') DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
UPDATE "tasks" SET "assignee_id" = NULL WHERE "assignee_id" IS NOT NULL AND NOT EXISTS (SELECT FROM "list_members" m WHERE m."list_id" = "tasks"."list_id" AND m."user_id" = "tasks"."assignee_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_member_fk" FOREIGN KEY ("list_id", "assignee_id") REFERENCES "list_members" ("list_id", "user_id") ON DELETE SET NULL ("assignee_id");
