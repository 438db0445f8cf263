-- Hand-written (decision 0024): a task update writes feed rows only when something a client
-- shows changed. `schedule` is the stored precomputation behind `due_at` (decision 0018), which
-- no answer carries: a refill that rewrites it alone (the same `due_at`) told every member's
-- device to pull for nothing. Otherwise as 0011_changes.
CREATE OR REPLACE FUNCTION "tasks_feed_changes"() RETURNS trigger
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
      WHERE to_jsonb(n) - 'schedule' IS DISTINCT FROM to_jsonb(o) - 'schedule'
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
END $$;
