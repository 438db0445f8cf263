-- Hand-written (drizzle-kit does not model functions); docs/decisions/0033-completion-in-functions.md.
-- What a completion advances a recurring task to, and the instant of a local day and time, as
-- functions instead of expressions the worker inlined into every write. Inlined, a toggle's
-- statement was 20,000 characters with 300 subplans and PostgreSQL spent 11 ms planning it (4 ms
-- running it) on every completion, one-offs included. A PL/pgSQL body is planned once per
-- session, and only the branch a row takes: a one-off's completion returns at the first line.
-- The logic is the one completion-sql.ts and zoned-sql.ts inlined until now, unchanged.

-- The instant `day` at `hhmm` (null: 00:00) names in `zone`, by the shared engine's
-- `zonedToInstant` (decision 0014): a wall time a forward shift skips moves forward by the gap,
-- one that happens twice takes the earlier instant. PostgreSQL's own `timestamp at time zone`
-- takes the later one of a repeated hour, so this reads the offsets a day either side and keeps
-- the candidates that read back to the wall time. Null when the day is null.
CREATE FUNCTION "task_zoned_instant"(day date, hhmm text, zone text) RETURNS timestamptz
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  wall timestamp := day + coalesce(hhmm, '00:00')::time;
  u timestamptz := wall AT TIME ZONE 'UTC';
  c1 timestamptz := u - ((u - interval '1 day') AT TIME ZONE zone - (u - interval '1 day') AT TIME ZONE 'UTC');
  c2 timestamptz := u - ((u + interval '1 day') AT TIME ZONE zone - (u + interval '1 day') AT TIME ZONE 'UTC');
BEGIN
  IF c1 AT TIME ZONE zone = wall AND c2 AT TIME ZONE zone = wall THEN RETURN least(c1, c2); END IF;
  IF c2 AT TIME ZONE zone = wall THEN RETURN c2; END IF;
  RETURN c1;
END $$;
--> statement-breakpoint
-- True when occurrence `number` on `day` (at `hhmm` in `zone`) is past the schedule's COUNT or
-- UNTIL (schedule.ts: `count`, `until.local` as 'YYYY-MM-DDTHH:MM:SS', `until.at` an instant).
CREATE FUNCTION "task_beyond"(s jsonb, day date, number int, hhmm text, zone text) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN coalesce(number > (s->>'count')::int, false)
    OR coalesce(to_char(day, 'YYYY-MM-DD') || 'T' || coalesce(hhmm, '00:00') || ':00'
      > s->'until'->>'local', false)
    OR coalesce(task_zoned_instant(day, hhmm, zone) > (s->'until'->>'at')::timestamptz, false);
END $$;
--> statement-breakpoint
-- The lookup in one schedule (schedule.ts `buildSchedule`'s `{mode, d0, k, end, count, until}`)
-- of the occurrence after `d` (occurrence number `o`, at `hhmm` in `zone`), as of `now`:
-- `{d, o}`, or `{d: null}` when the series is used up; null when this schedule cannot answer
-- (none, of another mode, or behind now), so the caller builds one from the rule.
CREATE FUNCTION "task_next_in"(s jsonb, repeat_from text, d date, hhmm text, zone text, o int,
  now timestamptz) RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  today date := (now AT TIME ZONE zone)::date;
  d0 date := (s->>'d0')::date;
  idx int;
  hit record;
  last_day date;
  later int;
BEGIN
  IF jsonb_typeof(s->'k') IS DISTINCT FROM 'array' OR s->>'mode' IS DISTINCT FROM repeat_from THEN
    RETURN NULL;
  END IF;
  IF repeat_from <> 'due' THEN
    -- The entry of the local day now is: its next day, one occurrence on.
    idx := today - d0;
    IF idx < 0 OR idx >= jsonb_array_length(s->'k') THEN RETURN NULL; END IF;
    IF s->'k'->>idx IS NULL OR task_beyond(s, today + (s->'k'->>idx)::int, o + 1, hhmm, zone) THEN
      RETURN '{"d": null}';
    END IF;
    RETURN jsonb_build_object('d', today + (s->'k'->>idx)::int, 'o', o + 1);
  END IF;
  -- Fixed: the first of the (two first) days after the current one, from today on, that is not
  -- past; its number counts the schedule's days passed to reach it.
  SELECT f.day, (SELECT count(*) FROM jsonb_array_elements_text(s->'k') WITH ORDINALITY p(k, i)
      WHERE d0 + p.k::int > d AND p.i <= f.i)::int AS passed
    INTO hit
    FROM (SELECT d0 + e.k::int AS day, e.i FROM jsonb_array_elements_text(s->'k') WITH ORDINALITY e(k, i)
      WHERE d0 + e.k::int > d AND d0 + e.k::int >= today ORDER BY e.i LIMIT 2) f
    WHERE task_zoned_instant(f.day, hhmm, zone) > now
    ORDER BY f.i LIMIT 1;
  IF hit.day IS NOT NULL THEN
    IF task_beyond(s, hit.day, o + hit.passed, hhmm, zone) THEN RETURN '{"d": null}'; END IF;
    RETURN jsonb_build_object('d', hit.day, 'o', o + hit.passed);
  END IF;
  SELECT max(d0 + e.k::int), count(*) FILTER (WHERE d0 + e.k::int > d)::int INTO last_day, later
    FROM jsonb_array_elements_text(s->'k') e(k);
  IF coalesce((s->>'end')::boolean, false) OR task_beyond(s, last_day, o + later, hhmm, zone) THEN
    RETURN '{"d": null}';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- What a completion advances a task to (completion-sql.ts `nextOf`): the lookup in its schedule
-- `s`, else in the schedule the rule gives from the current day (task_schedule, today the UTC day
-- of now, as the worker builds it). Null for a one-off.
CREATE FUNCTION "task_next"(s jsonb, repeat_from text, d date, hhmm text, zone text, o int,
  now timestamptz, rrule text) RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
  got jsonb;
BEGIN
  IF s IS NULL AND rrule IS NULL THEN RETURN NULL; END IF;
  got := task_next_in(s, repeat_from, d, hhmm, zone, o, now);
  IF got IS NOT NULL OR rrule IS NULL THEN RETURN got; END IF;
  RETURN task_next_in(task_schedule(rrule, repeat_from, d, (now AT TIME ZONE 'UTC')::date),
    repeat_from, d, hhmm, zone, o, now);
END $$;
