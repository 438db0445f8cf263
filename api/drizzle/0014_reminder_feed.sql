-- Hand-written (drizzle-kit does not model triggers); docs/decisions/0026-reminders-faults-sw-feed.md.
-- A reminder that fires (claimed by the scheduler) or is released for a retry changes no task
-- row, so the task triggers of 0011 would not tell the devices. This one does: every member of
-- the task's list gets a 'task' change, and the feed answers the task as it is now, so each
-- device re-reads that task's upcoming reminders. A snooze or a cancel (completion, deletion, a
-- move past the reminder) is a task write, already told by 0011. A settle (claimed_at only)
-- changes nothing a device shows and writes nothing.
CREATE FUNCTION "reminder_schedule_feed_changes"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (user_id, entity, entity_id)
  SELECT DISTINCT m.user_id, 'task', t.id::text
  FROM new_rows n JOIN old_rows o ON o.task_id = n.task_id AND o.occurrence = n.occurrence
  JOIN tasks t ON t.id = n.task_id
  JOIN list_members m ON m.list_id = t.list_id
  WHERE n.sent_for IS DISTINCT FROM o.sent_for;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "reminder_schedule_feed_update" AFTER UPDATE ON "reminder_schedule"
REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "reminder_schedule_feed_changes"();
