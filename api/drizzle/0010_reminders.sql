CREATE TABLE "push_subscriptions" (
	"endpoint" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"p256dh" text NOT NULL,
	"auth" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_schedule" (
	"task_id" uuid NOT NULL,
	"occurrence" text NOT NULL,
	"user_id" uuid NOT NULL,
	"fire_at" timestamp (3) with time zone NOT NULL,
	"due_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"sent_for" text,
	"claimed_at" timestamp (3) with time zone,
	CONSTRAINT "reminder_schedule_task_id_occurrence_pk" PRIMARY KEY("task_id","occurrence")
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"before_minutes" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"all_day_time" text DEFAULT '09:00' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "reminders" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "push_subscriptions" ADD CONSTRAINT "push_subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_schedule" ADD CONSTRAINT "reminder_schedule_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_schedule" ADD CONSTRAINT "reminder_schedule_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "push_subscriptions_user_idx" ON "push_subscriptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reminder_schedule_pending_idx" ON "reminder_schedule" USING btree ("fire_at") WHERE "reminder_schedule"."sent_for" is distinct from "reminder_schedule"."occurrence" or "reminder_schedule"."claimed_at" is not null;--> statement-breakpoint
CREATE INDEX "reminder_schedule_user_fire_idx" ON "reminder_schedule" USING btree ("user_id","fire_at");--> statement-breakpoint
-- Hand-written below (drizzle-kit does not model triggers); docs/decisions/0020-reminders.md.
-- A relative reminder needs a due date: refused when written (the API answers 400 naming
-- `reminders`), dropped when the due date is cleared under it.
CREATE FUNCTION "tasks_reminders_check"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.due_date IS NOT NULL
    OR NOT EXISTS (SELECT FROM jsonb_array_elements(NEW.reminders) r WHERE r ? 'before_minutes') THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.reminders IS DISTINCT FROM OLD.reminders THEN
    RAISE EXCEPTION 'A reminder before the due time needs a due date'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'tasks_relative_reminders_need_due';
  END IF;
  NEW.reminders := coalesce(
    (SELECT jsonb_agg(r) FROM jsonb_array_elements(NEW.reminders) r WHERE r ? 'at'), '[]'::jsonb);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_reminders_check" BEFORE INSERT OR UPDATE OF "reminders", "due_date" ON "tasks"
FOR EACH ROW EXECUTE FUNCTION "tasks_reminders_check"();--> statement-breakpoint
-- The instant relative reminders count from, and the end of the due time. A timed task: its
-- derived `due_at`. An all-day task: the recipient's all-day time (reminder_settings, default
-- 09:00, DEFAULT_ALL_DAY_TIME in shared/src/reminders.ts) on the due day, in the task's zone or,
-- floating, its creator's (else UTC); it is due until the day ends there.
CREATE FUNCTION "task_reminder_base"(t "tasks", recipient uuid, OUT base timestamptz, OUT due_end timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN t.due_time IS NOT NULL THEN t.due_at
      ELSE (t.due_date + coalesce((SELECT s.all_day_time FROM reminder_settings s
        WHERE s.user_id = recipient), '09:00')::time) AT TIME ZONE z.zone END,
    CASE WHEN t.due_time IS NOT NULL THEN t.due_at
      ELSE (t.due_date + 1)::timestamp AT TIME ZONE z.zone END
  FROM (SELECT coalesce(t.time_zone, (SELECT u.time_zone FROM users u WHERE u.id = t.user_id),
    'UTC') AS zone) z
  WHERE t.due_date IS NOT NULL
$$;--> statement-breakpoint
-- The reminder occurrences an open task wants now: one per distinct instant. `occurrence` is the
-- task id and the instant in milliseconds, so a new due time (an edit, the next repetition) is a
-- new occurrence and one already claimed keeps its claim. Expiry: the due time when it is later,
-- else 60 minutes of grace (REMINDER_GRACE_MINUTES in shared/src/reminders.ts).
CREATE FUNCTION "task_reminder_occurrences"(t "tasks", recipient uuid)
RETURNS TABLE (occurrence text, fire_at timestamptz, due_at timestamptz, expires_at timestamptz)
LANGUAGE sql STABLE AS $$
  SELECT t.id::text || ':' || (extract(epoch FROM f.fire_at) * 1000)::bigint::text, f.fire_at,
    b.due_end,
    CASE WHEN b.due_end > f.fire_at THEN b.due_end ELSE f.fire_at + interval '60 minutes' END
  FROM (
    SELECT DISTINCT CASE WHEN r ? 'at' THEN (r->>'at')::timestamptz(3)
      ELSE b0.base - make_interval(mins => (r->>'before_minutes')::int) END AS fire_at
    FROM jsonb_array_elements(t.reminders) r LEFT JOIN task_reminder_base(t, recipient) b0 ON true
  ) f LEFT JOIN task_reminder_base(t, recipient) b ON true
  WHERE NOT t.completed AND f.fire_at IS NOT NULL
$$;--> statement-breakpoint
-- Brings one task's reminder_schedule rows in step with the task. An occurrence whose time has
-- already passed when it first appears (the due time moved past it, the task was reopened late)
-- is born claimed: it never fires. Occurrences that remain keep their claim.
CREATE FUNCTION "task_reminders_reschedule"(t "tasks") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  recipient uuid := coalesce(t.assignee_id, t.user_id);
BEGIN
  DELETE FROM reminder_schedule s WHERE s.task_id = t.id
    AND s.occurrence NOT IN (SELECT o.occurrence FROM task_reminder_occurrences(t, recipient) o);
  INSERT INTO reminder_schedule AS s
    (task_id, occurrence, user_id, fire_at, due_at, expires_at, sent_for)
  SELECT t.id, o.occurrence, recipient, o.fire_at, o.due_at, o.expires_at,
    CASE WHEN o.fire_at <= now() THEN o.occurrence END
  FROM task_reminder_occurrences(t, recipient) o
  ON CONFLICT (task_id, occurrence) DO UPDATE SET user_id = excluded.user_id;
END $$;--> statement-breakpoint
-- In the statement of every task write that can move a reminder.
CREATE FUNCTION "tasks_reminders_reschedule"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM task_reminders_reschedule(NEW);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "tasks_reminders_insert" AFTER INSERT ON "tasks"
FOR EACH ROW WHEN (NEW.reminders <> '[]'::jsonb)
EXECUTE FUNCTION "tasks_reminders_reschedule"();--> statement-breakpoint
CREATE TRIGGER "tasks_reminders_update" AFTER UPDATE ON "tasks"
FOR EACH ROW WHEN (NEW.reminders IS DISTINCT FROM OLD.reminders
  OR NEW.due_at IS DISTINCT FROM OLD.due_at OR NEW.due_date IS DISTINCT FROM OLD.due_date
  OR NEW.due_time IS DISTINCT FROM OLD.due_time OR NEW.time_zone IS DISTINCT FROM OLD.time_zone
  OR NEW.completed IS DISTINCT FROM OLD.completed
  OR NEW.assignee_id IS DISTINCT FROM OLD.assignee_id)
EXECUTE FUNCTION "tasks_reminders_reschedule"();--> statement-breakpoint
-- A user's all-day time or zone moves the reminders of their all-day and floating tasks.
CREATE FUNCTION "reminders_follow_user"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t tasks;
  -- reminder_settings rows name the user in user_id, users rows in id.
  uid uuid := coalesce(to_jsonb(NEW)->>'user_id', to_jsonb(NEW)->>'id')::uuid;
BEGIN
  FOR t IN SELECT * FROM tasks WHERE reminders <> '[]'::jsonb AND NOT completed
    AND due_date IS NOT NULL AND (due_time IS NULL OR time_zone IS NULL)
    AND (coalesce(assignee_id, user_id) = uid OR user_id = uid)
  LOOP
    PERFORM task_reminders_reschedule(t);
  END LOOP;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "reminder_settings_follow" AFTER INSERT OR UPDATE ON "reminder_settings"
FOR EACH ROW EXECUTE FUNCTION "reminders_follow_user"();--> statement-breakpoint
CREATE TRIGGER "users_reminders_follow" AFTER UPDATE OF "time_zone" ON "users"
FOR EACH ROW WHEN (NEW.time_zone IS DISTINCT FROM OLD.time_zone)
EXECUTE FUNCTION "reminders_follow_user"();
