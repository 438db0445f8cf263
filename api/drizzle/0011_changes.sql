CREATE TABLE "changes" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "changes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"user_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "changes_entity_kind" CHECK (entity in ('task', 'list', 'membership', 'invitation'))
);
--> statement-breakpoint
CREATE INDEX "changes_user_position_idx" ON "changes" USING btree ("user_id","xid","seq");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers); docs/decisions/0021-change-feed.md.
-- Every trigger writes one row per user who can see (or could see, until this statement) a
-- changed entity. The feed reads the entity's current state, so a row carries no data and no op.
--
-- Sweeps changes older than 31 days (the API keeps 30: CHANGE_RETENTION_DAYS in shared/, whose
-- older cursors get 410), at most `batch` rows, oldest first. The young end of the table is found
-- by the primary key, so the cost is the rows swept, not the table.
CREATE FUNCTION "changes_sweep"(batch integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  young bigint;
  swept integer;
BEGIN
  SELECT seq INTO young FROM changes WHERE created_at >= now() - interval '31 days' ORDER BY seq LIMIT 1;
  DELETE FROM changes WHERE seq < coalesce(young, 9223372036854775807)
    AND seq < (SELECT min(seq) FROM changes) + batch;
  GET DIAGNOSTICS swept = ROW_COUNT;
  RETURN swept;
END $$;--> statement-breakpoint
-- Task writes: every member of the task's list (both lists of a move) sees the task change, and
-- the list too when its pending count moved. About one task write in 500 also sweeps.
CREATE FUNCTION "tasks_feed_changes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO changes (user_id, entity, entity_id)
    SELECT DISTINCT m.user_id, e.entity, e.entity_id FROM (
      SELECT list_id, 'task' AS entity, id::text AS entity_id FROM new_rows
      UNION ALL SELECT list_id, 'list', list_id::text FROM new_rows WHERE NOT completed
    ) e JOIN list_members m ON m.list_id = e.list_id;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO changes (user_id, entity, entity_id)
    SELECT DISTINCT m.user_id, e.entity, e.entity_id FROM (
      SELECT list_id, 'task' AS entity, id::text AS entity_id FROM old_rows
      UNION ALL SELECT list_id, 'list', list_id::text FROM old_rows WHERE NOT completed
    ) e JOIN list_members m ON m.list_id = e.list_id;
  ELSE
    INSERT INTO changes (user_id, entity, entity_id)
    SELECT DISTINCT m.user_id, e.entity, e.entity_id FROM (
      SELECT t.list_id, 'task' AS entity, n.id::text AS entity_id
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.list_id), (o.list_id)) t(list_id)
      WHERE (n.*) IS DISTINCT FROM (o.*)
      UNION ALL
      SELECT t.list_id, 'list', t.list_id::text
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      CROSS JOIN LATERAL (VALUES (n.list_id), (o.list_id)) t(list_id)
      WHERE n.completed <> o.completed OR n.list_id <> o.list_id
    ) e JOIN list_members m ON m.list_id = e.list_id;
  END IF;
  IF random() < 0.002 THEN
    PERFORM changes_sweep(10000);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_feed_insert" AFTER INSERT ON "tasks"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tasks_feed_changes"();--> statement-breakpoint
CREATE TRIGGER "tasks_feed_update" AFTER UPDATE ON "tasks"
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "tasks_feed_changes"();--> statement-breakpoint
CREATE TRIGGER "tasks_feed_delete" AFTER DELETE ON "tasks"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "tasks_feed_changes"();--> statement-breakpoint
-- A list's own fields: every member sees it change.
CREATE FUNCTION "lists_feed_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT m.user_id, 'list', n.id::text
  FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN list_members m ON m.list_id = n.id
  WHERE (n.*) IS DISTINCT FROM (o.*);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "lists_feed_update" AFTER UPDATE ON "lists"
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "lists_feed_update"();--> statement-breakpoint
-- A list's deletion, BEFORE it cascades: afterwards neither its members nor its tasks are there
-- to say who loses what. Every member gets a tombstone for the list, each of its tasks and each
-- membership (the cascades' own triggers then find no member to tell).
CREATE FUNCTION "lists_feed_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT m.user_id, e.entity, e.entity_id FROM list_members m CROSS JOIN (
    SELECT 'list' AS entity, OLD.id::text AS entity_id
    UNION ALL SELECT 'task', t.id::text FROM tasks t WHERE t.list_id = OLD.id
    UNION ALL SELECT 'membership', o.list_id || ':' || o.user_id FROM list_members o
      WHERE o.list_id = OLD.id
    UNION ALL SELECT 'invitation', i.id::text FROM list_invitations i WHERE i.list_id = OLD.id
  ) e WHERE m.list_id = OLD.id;
  RETURN OLD;
END $$;--> statement-breakpoint
CREATE TRIGGER "lists_feed_delete" BEFORE DELETE ON "lists"
FOR EACH ROW EXECUTE FUNCTION "lists_feed_delete"();--> statement-breakpoint
-- Memberships. A membership's id in the feed is `list_id:user_id`. Members of the list see the
-- membership and the list (its member count) change; the member who joins or leaves sees the
-- list, every task and every membership of it appear or go.
CREATE FUNCTION "list_members_feed_update"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT DISTINCT e.user_id, e.entity, e.entity_id FROM (
    SELECT m.user_id, 'membership' AS entity, n.list_id || ':' || n.user_id AS entity_id
    FROM new_rows n JOIN old_rows o ON o.list_id = n.list_id AND o.user_id = n.user_id
    JOIN list_members m ON m.list_id = n.list_id
    WHERE n.role <> o.role
    UNION ALL
    -- The list as its member sees it carries their role and position.
    SELECT n.user_id, 'list', n.list_id::text
    FROM new_rows n JOIN old_rows o ON o.list_id = n.list_id AND o.user_id = n.user_id
    WHERE (n.*) IS DISTINCT FROM (o.*)
  ) e;
  RETURN NULL;
END $$;--> statement-breakpoint
-- `joined` holds the new rows; `list_members` already has them.
CREATE FUNCTION "list_members_feed_insert"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT DISTINCT e.user_id, e.entity, e.entity_id FROM (
    SELECT m.user_id, 'list' AS entity, j.list_id::text AS entity_id
    FROM (SELECT DISTINCT list_id FROM joined) j JOIN list_members m ON m.list_id = j.list_id
    UNION ALL
    SELECT m.user_id, 'membership', j.list_id || ':' || j.user_id
    FROM joined j JOIN list_members m ON m.list_id = j.list_id
    UNION ALL
    SELECT j.user_id, 'task', t.id::text FROM joined j JOIN tasks t ON t.list_id = j.list_id
    UNION ALL
    SELECT j.user_id, 'membership', m.list_id || ':' || m.user_id
    FROM joined j JOIN list_members m ON m.list_id = j.list_id
  ) e;
  RETURN NULL;
END $$;--> statement-breakpoint
-- `gone` holds the removed rows; `list_members` has only those who stay, and the list's tasks
-- are still there (a list's own deletion told everyone before it cascaded).
CREATE FUNCTION "list_members_feed_delete"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT DISTINCT e.user_id, e.entity, e.entity_id FROM (
    SELECT m.user_id, 'list' AS entity, g.list_id::text AS entity_id
    FROM (SELECT DISTINCT list_id FROM gone) g JOIN list_members m ON m.list_id = g.list_id
    UNION ALL
    SELECT m.user_id, 'membership', g.list_id || ':' || g.user_id
    FROM gone g JOIN list_members m ON m.list_id = g.list_id
    UNION ALL
    SELECT g.user_id, 'list', g.list_id::text FROM gone g
    UNION ALL
    SELECT g.user_id, 'task', t.id::text FROM gone g JOIN tasks t ON t.list_id = g.list_id
    UNION ALL
    SELECT g.user_id, 'membership', o.list_id || ':' || o.user_id
    FROM gone g JOIN (SELECT list_id, user_id FROM gone UNION ALL SELECT m.list_id, m.user_id
      FROM list_members m WHERE m.list_id IN (SELECT list_id FROM gone)) o
      ON o.list_id = g.list_id
  ) e;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "list_members_feed_insert" AFTER INSERT ON "list_members"
REFERENCING NEW TABLE AS joined FOR EACH STATEMENT EXECUTE FUNCTION "list_members_feed_insert"();--> statement-breakpoint
CREATE TRIGGER "list_members_feed_update" AFTER UPDATE ON "list_members"
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "list_members_feed_update"();--> statement-breakpoint
CREATE TRIGGER "list_members_feed_delete" AFTER DELETE ON "list_members"
REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "list_members_feed_delete"();
--> statement-breakpoint
-- Invitations: the list's owner and the addressee (when an account has that address) see every
-- change of an invitation, including the cascade of its list's deletion.
CREATE FUNCTION "list_invitations_feed_changes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO changes (user_id, entity, entity_id)
    SELECT DISTINCT a.user_id, 'invitation', i.id::text FROM old_rows i CROSS JOIN LATERAL (
      SELECT m.user_id FROM list_members m WHERE m.list_id = i.list_id AND m.role = 'owner'
      UNION ALL SELECT u.id FROM users u WHERE u.email = i.email
    ) a;
  ELSE
    INSERT INTO changes (user_id, entity, entity_id)
    SELECT DISTINCT a.user_id, 'invitation', i.id::text FROM new_rows i CROSS JOIN LATERAL (
      SELECT m.user_id FROM list_members m WHERE m.list_id = i.list_id AND m.role = 'owner'
      UNION ALL SELECT u.id FROM users u WHERE u.email = i.email
    ) a;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "list_invitations_feed_insert" AFTER INSERT ON "list_invitations"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "list_invitations_feed_changes"();--> statement-breakpoint
CREATE TRIGGER "list_invitations_feed_update" AFTER UPDATE ON "list_invitations"
REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "list_invitations_feed_changes"();--> statement-breakpoint
CREATE TRIGGER "list_invitations_feed_delete" AFTER DELETE ON "list_invitations"
REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "list_invitations_feed_changes"();
