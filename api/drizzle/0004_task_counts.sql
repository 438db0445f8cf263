CREATE TABLE "tag_counts" (
	"user_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "tag_counts_user_id_tag_pk" PRIMARY KEY("user_id","tag")
);
--> statement-breakpoint
CREATE TABLE "task_counts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tag_counts_user_top_idx" ON "tag_counts" USING btree ("user_id","count" DESC NULLS LAST,"tag");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers); docs/decisions/0008-task-counts.md.
-- No write may land between the backfill and the triggers.
LOCK TABLE "tasks" IN SHARE ROW EXCLUSIVE MODE;--> statement-breakpoint
INSERT INTO "task_counts" ("user_id", "pending", "completed")
SELECT "user_id", count(*) FILTER (WHERE NOT "completed"), count(*) FILTER (WHERE "completed")
FROM "tasks" GROUP BY "user_id";--> statement-breakpoint
INSERT INTO "tag_counts" ("user_id", "tag", "count")
SELECT "user_id", t.tag, count(*)
FROM "tasks" CROSS JOIN LATERAL (SELECT DISTINCT unnest("tags") AS tag) t
GROUP BY "user_id", t.tag;--> statement-breakpoint
-- One row of a write's effect: a task as it was (n = -1) or as it is now (n = +1).
CREATE TYPE "task_count_delta" AS ("user_id" uuid, "completed" boolean, "tags" text[], "n" integer);--> statement-breakpoint
-- Adds a statement's deltas to the counters. Rows are upserted in key order (users, then tags), so
-- concurrent writes of one user queue on the counter rows instead of deadlocking. A row brought to
-- zero is deleted (only then is a DELETE run); a concurrent upsert of that key then inserts it
-- again. `tags_changed` false skips the tag statements altogether.
CREATE FUNCTION "task_counts_apply"(deltas "task_count_delta"[], tags_changed boolean) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  emptied uuid[];
  emptied_tags text[];
BEGIN
  WITH upserted AS (
    INSERT INTO task_counts AS c (user_id, pending, completed)
    SELECT user_id, pending, completed FROM (
      SELECT user_id,
        sum(CASE WHEN completed THEN 0 ELSE n END)::int AS pending,
        sum(CASE WHEN completed THEN n ELSE 0 END)::int AS completed
      FROM unnest(deltas) GROUP BY user_id
    ) per_user
    WHERE pending <> 0 OR completed <> 0
    ORDER BY user_id
    ON CONFLICT (user_id) DO UPDATE
      SET pending = c.pending + excluded.pending, completed = c.completed + excluded.completed
    RETURNING c.user_id, c.pending, c.completed
  )
  SELECT array_agg(user_id) INTO emptied FROM upserted WHERE pending = 0 AND completed = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM task_counts WHERE user_id = ANY (emptied) AND pending = 0 AND completed = 0;
  END IF;
  IF NOT tags_changed THEN
    RETURN;
  END IF;

  WITH upserted AS (
    INSERT INTO tag_counts AS c (user_id, tag, count)
    SELECT user_id, tag, n FROM (
      SELECT d.user_id, t.tag, sum(d.n)::int AS n
      FROM unnest(deltas) d CROSS JOIN LATERAL (SELECT DISTINCT unnest(d.tags) AS tag) t
      GROUP BY d.user_id, t.tag
    ) per_tag
    WHERE n <> 0
    ORDER BY user_id, tag
    ON CONFLICT (user_id, tag) DO UPDATE SET count = c.count + excluded.count
    RETURNING c.user_id, c.tag, c.count
  )
  SELECT array_agg(user_id), array_agg(tag) INTO emptied, emptied_tags
  FROM upserted WHERE count = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM tag_counts c USING unnest(emptied, emptied_tags) AS z(user_id, tag)
    WHERE c.user_id = z.user_id AND c.tag = z.tag AND c.count = 0;
  END IF;
END $$;--> statement-breakpoint
-- Statement-level with transition tables: a bulk write or clear-completed applies its deltas once,
-- grouped, instead of once per row. PL/pgSQL compiles the function per trigger, so each branch
-- only ever names the transition tables its own trigger has.
CREATE FUNCTION "tasks_count_changes"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean;
  retagged boolean;
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM task_counts_apply(
      array(SELECT (user_id, completed, tags, 1)::task_count_delta FROM new_rows),
      EXISTS (SELECT FROM new_rows WHERE cardinality(tags) > 0));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM task_counts_apply(
      array(SELECT (user_id, completed, tags, -1)::task_count_delta FROM old_rows),
      EXISTS (SELECT FROM old_rows WHERE cardinality(tags) > 0));
  ELSE
    -- Most edits change neither completion nor tags: they move no counter and stop here. (Ids
    -- never change, so the join pairs every row with its old version.)
    SELECT coalesce(bool_or(n.completed <> o.completed OR n.user_id <> o.user_id), false),
      coalesce(bool_or(n.tags IS DISTINCT FROM o.tags OR n.user_id <> o.user_id), false)
    INTO moved, retagged
    FROM new_rows n JOIN old_rows o ON o.id = n.id;
    IF moved OR retagged THEN
      PERFORM task_counts_apply(array(
        SELECT (user_id, completed, tags, 1)::task_count_delta FROM new_rows
        UNION ALL
        SELECT (user_id, completed, tags, -1)::task_count_delta FROM old_rows), retagged);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "tasks_truncate_counts"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM task_counts;
  DELETE FROM tag_counts;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_counts_insert" AFTER INSERT ON "tasks"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_changes"();--> statement-breakpoint
CREATE TRIGGER "tasks_counts_update" AFTER UPDATE ON "tasks"
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_changes"();--> statement-breakpoint
CREATE TRIGGER "tasks_counts_delete" AFTER DELETE ON "tasks"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "tasks_count_changes"();--> statement-breakpoint
CREATE TRIGGER "tasks_counts_truncate" AFTER TRUNCATE ON "tasks"
FOR EACH STATEMENT EXECUTE FUNCTION "tasks_truncate_counts"();
