CREATE TABLE "deleted_tasks" (
	"task_id" uuid PRIMARY KEY NOT NULL,
	"list_id" uuid NOT NULL,
	"deleted_by" uuid,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"task" jsonb NOT NULL,
	"history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"schedule" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deleted_tasks" ADD CONSTRAINT "deleted_tasks_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deleted_tasks" ADD CONSTRAINT "deleted_tasks_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deleted_tasks_deleted_at_idx" ON "deleted_tasks" USING btree ("deleted_at");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers); docs/decisions/0034-delete-keeps-the-task-restore-brings-it-back.md.
-- Sweeps archived tasks deleted more than 31 days ago (a restore accepts 30:
-- CHANGE_RETENTION_DAYS in shared/, the feed's retention), at most `batch`, oldest first, found
-- from the deleted_at index: the cost is the rows swept, not the table.
CREATE FUNCTION "deleted_tasks_sweep"(batch integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  swept integer;
BEGIN
  DELETE FROM deleted_tasks WHERE task_id IN (SELECT task_id FROM deleted_tasks
    WHERE deleted_at < now() - interval '31 days' ORDER BY deleted_at LIMIT batch);
  GET DIAGNOSTICS swept = ROW_COUNT;
  RETURN swept;
END $$;--> statement-breakpoint
-- About one archiving statement in 500 also sweeps, as the feed's triggers do (0011): no cron.
CREATE FUNCTION "deleted_tasks_sweep_sometimes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF random() < 0.002 THEN
    PERFORM deleted_tasks_sweep(10000);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "deleted_tasks_sweep" AFTER INSERT ON "deleted_tasks"
FOR EACH STATEMENT EXECUTE FUNCTION "deleted_tasks_sweep_sometimes"();
