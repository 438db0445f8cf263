-- Hand-written (drizzle-kit does not model functions); docs/decisions/0030-time-one-trip-everywhere.md.
-- The schedule of a recurring task (api/src/routes/tasks/schedule.ts `buildSchedule`), built in
-- SQL from the stored rule, for the writes the worker cannot build it for before the statement:
-- a PATCH that moves the day without sending the rule, or sends a fixed rule without the day,
-- and a completion whose stored schedule cannot answer (missing, of an older form, or behind
-- now). It is the shared engine's day-level RFC 5545 expansion (shared/src/recurrence/expand.ts)
-- written once more; schedule-sql.test.ts checks the two agree. Zone-free: local days only.
CREATE FUNCTION "task_rrule_part"(rrule text, name text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT substring(';' || rrule || ';' FROM ';' || name || '=([^;]*);')
$$;--> statement-breakpoint
-- The days first … first+len-1 on the weekdays `wd` (ISO), the nth of them when `ord` says so.
CREATE FUNCTION "task_weekdays_in"(first date, len int, wd int[], ord int[]) RETURNS date[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  result date[] := '{}';
  start date;
  total int;
BEGIN
  FOR i IN 1 .. coalesce(array_length(wd, 1), 0) LOOP
    start := first + (wd[i] - extract(isodow FROM first)::int + 7) % 7;
    CONTINUE WHEN start >= first + len;
    total := (first + len - 1 - start) / 7 + 1;
    FOR n IN 0 .. total - 1 LOOP
      IF ord[i] IS NULL OR ord[i] = n + 1 OR ord[i] = n - total THEN
        result := result || (start + 7 * n);
      END IF;
    END LOOP;
  END LOOP;
  RETURN result;
END $$;--> statement-breakpoint
CREATE FUNCTION "task_month_days"(y int, m int, bymonthday int[], wd int[], ord int[], anchor_day int)
RETURNS date[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  first date := make_date(y, m, 1);
  len int := (first + interval '1 month')::date - first;
  result date[] := '{}';
  allowed date[];
  d int;
BEGIN
  IF cardinality(bymonthday) > 0 THEN
    IF cardinality(wd) > 0 THEN allowed := task_weekdays_in(first, len, wd, ord); END IF;
    FOREACH d IN ARRAY bymonthday LOOP
      IF d < 0 THEN d := len + 1 + d; END IF;
      IF d >= 1 AND d <= len AND (allowed IS NULL OR first + d - 1 = ANY (allowed)) THEN
        result := result || (first + d - 1);
      END IF;
    END LOOP;
    RETURN result;
  END IF;
  IF cardinality(wd) > 0 THEN RETURN task_weekdays_in(first, len, wd, ord); END IF;
  IF anchor_day <= len THEN RETURN ARRAY[first + anchor_day - 1]; END IF;
  RETURN result;
END $$;--> statement-breakpoint
-- The sorted days of the period `step` periods after the anchor's (expand.ts `periodDays`).
CREATE FUNCTION "task_period_days"(freq text, step int, bymonth int[], bymonthday int[], wd int[],
  ord int[], anchor date) RETURNS date[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  days date[] := '{}';
  ay int := extract(year FROM anchor)::int;
  am int := extract(month FROM anchor)::int;
  ad int := extract(day FROM anchor)::int;
  d date;
  first date;
  len int;
  months int[];
  m int;
BEGIN
  IF freq = 'DAILY' THEN
    d := anchor + step;
    first := date_trunc('month', d)::date;
    len := (first + interval '1 month')::date - first;
    IF (cardinality(bymonth) = 0 OR extract(month FROM d)::int = ANY (bymonth))
      AND (cardinality(bymonthday) = 0 OR extract(day FROM d)::int = ANY (ARRAY(
        SELECT CASE WHEN v > 0 THEN v ELSE len + 1 + v END FROM unnest(bymonthday) v)))
      AND (cardinality(wd) = 0 OR extract(isodow FROM d)::int = ANY (wd)) THEN
      days := ARRAY[d];
    END IF;
  ELSIF freq = 'WEEKLY' THEN
    first := anchor - extract(isodow FROM anchor)::int + 1 + step * 7;
    IF cardinality(wd) = 0 THEN
      days := task_weekdays_in(first, 7, ARRAY[extract(isodow FROM anchor)::int], ARRAY[NULL::int]);
    ELSE
      days := task_weekdays_in(first, 7, wd, ord);
    END IF;
    IF cardinality(bymonth) > 0 THEN
      days := ARRAY(SELECT x FROM unnest(days) x WHERE extract(month FROM x)::int = ANY (bymonth));
    END IF;
  ELSIF freq = 'MONTHLY' THEN
    first := (make_date(ay, am, 1) + make_interval(months => step))::date;
    m := extract(month FROM first)::int;
    IF cardinality(bymonth) = 0 OR m = ANY (bymonth) THEN
      days := task_month_days(extract(year FROM first)::int, m, bymonthday, wd, ord, ad);
    END IF;
  ELSIF cardinality(wd) > 0 AND cardinality(bymonth) = 0 AND cardinality(bymonthday) = 0 THEN
    first := make_date(ay + step, 1, 1);
    days := task_weekdays_in(first, make_date(ay + step + 1, 1, 1) - first, wd, ord);
  ELSE
    months := CASE WHEN cardinality(bymonth) > 0 THEN bymonth
      WHEN cardinality(bymonthday) = 0 AND cardinality(wd) = 0 THEN ARRAY[am]
      ELSE ARRAY[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] END;
    FOREACH m IN ARRAY months LOOP
      days := days || task_month_days(ay + step, m, bymonthday, wd, ord, ad);
    END LOOP;
  END IF;
  RETURN ARRAY(SELECT DISTINCT x FROM unnest(days) x ORDER BY x);
END $$;--> statement-breakpoint
-- The rule's days after `after` for a series from `anchor` (expand.ts `daysAfter`), until there
-- are `min_items` and the last is past `reach`; `done`: the series has no more.
CREATE FUNCTION "task_days_after"(freq text, step int, bymonth int[], bymonthday int[], wd int[],
  ord int[], anchor date, after date, reach date, min_items int, OUT days date[], OUT done boolean)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  last date := greatest(anchor, after);
  start date;
  d date;
  idx int := 0;
BEGIN
  days := '{}';
  LOOP
    start := CASE freq
      WHEN 'DAILY' THEN anchor + idx * step
      WHEN 'WEEKLY' THEN anchor - extract(isodow FROM anchor)::int + 1 + idx * step * 7
      WHEN 'MONTHLY' THEN (date_trunc('month', anchor) + make_interval(months => idx * step))::date
      ELSE make_date(extract(year FROM anchor)::int + idx * step, 1, 1) END;
    -- Past 9999-12-31, or a pattern absent for a whole 400-year Gregorian cycle: no more.
    IF start > '9999-12-31'::date OR start - last > 146097 THEN
      done := true;
      RETURN;
    END IF;
    FOREACH d IN ARRAY task_period_days(freq, idx * step, bymonth, bymonthday, wd, ord, anchor) LOOP
      IF d > after AND d <= '9999-12-31'::date THEN
        last := d;
        days := days || d;
        IF cardinality(days) >= min_items AND d > reach THEN
          done := false;
          RETURN;
        END IF;
      END IF;
    END LOOP;
    idx := idx + 1;
  END LOOP;
END $$;--> statement-breakpoint
-- schedule.ts `buildSchedule(rrule, repeat_from, d0, now)` with `today` the UTC day of now.
CREATE FUNCTION "task_schedule"(rrule text, repeat_from text, d0 date, today date) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  freq text := task_rrule_part(rrule, 'FREQ');
  step int := coalesce(task_rrule_part(rrule, 'INTERVAL')::int, 1);
  bymonth int[] := coalesce(string_to_array(task_rrule_part(rrule, 'BYMONTH'), ',')::int[], '{}');
  bymonthday int[] := coalesce(string_to_array(task_rrule_part(rrule, 'BYMONTHDAY'), ',')::int[], '{}');
  until_text text := task_rrule_part(rrule, 'UNTIL');
  wd int[] := '{}';
  ord int[] := '{}';
  part text[];
  item text;
  until jsonb;
  ends jsonb;
  got record;
  k int[] := '{}';
  first date;
BEGIN
  IF rrule IS NULL OR repeat_from IS NULL OR d0 IS NULL THEN RETURN NULL; END IF;
  FOREACH item IN ARRAY coalesce(string_to_array(task_rrule_part(rrule, 'BYDAY'), ','), '{}') LOOP
    part := regexp_match(item, '^([+-]?[0-9]+)?(MO|TU|WE|TH|FR|SA|SU)$');
    wd := wd || array_position(ARRAY['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], part[2]);
    ord := ord || part[1]::int;
  END LOOP;
  IF until_text IS NOT NULL THEN
    item := substr(until_text, 1, 4) || '-' || substr(until_text, 5, 2) || '-' || substr(until_text, 7, 2);
    IF length(until_text) > 8 THEN
      item := item || 'T' || substr(until_text, 10, 2) || ':' || substr(until_text, 12, 2) || ':'
        || substr(until_text, 14, 2);
    END IF;
    -- Without a time any time of that day is within: 'T99' sorts after every 'THH:MM:SS'.
    until := CASE WHEN until_text LIKE '%Z' THEN jsonb_build_object('at', item || '.000Z')
      WHEN length(until_text) > 8 THEN jsonb_build_object('local', item)
      ELSE jsonb_build_object('local', item || 'T99') END;
  END IF;
  ends := jsonb_build_object('count', task_rrule_part(rrule, 'COUNT')::int, 'until', until,
    'shift', freq IN ('DAILY', 'WEEKLY') AND cardinality(wd) = 0 AND cardinality(bymonth) = 0
      AND cardinality(bymonthday) = 0);
  IF repeat_from = 'due' THEN
    got := task_days_after(freq, step, bymonth, bymonthday, wd, ord, d0, d0,
      greatest(d0, today) + 400, 64);
    RETURN ends || jsonb_build_object('mode', 'due', 'd0', to_char(d0, 'YYYY-MM-DD'),
      'k', to_jsonb(ARRAY(SELECT x - d0 FROM unnest(got.days) WITH ORDINALITY u(x, n) ORDER BY n)),
      'end', got.done);
  END IF;
  first := today - 2;
  FOR i IN 0 .. 402 LOOP
    got := task_days_after(freq, step, bymonth, bymonthday, wd, ord, first + i, first + i,
      first + i, 1);
    k := k || (got.days[1] - (first + i));
  END LOOP;
  RETURN ends || jsonb_build_object('mode', 'completion', 'd0', to_char(first, 'YYYY-MM-DD'),
    'k', to_jsonb(k), 'end', false);
END $$;
--> statement-breakpoint
-- True when this server's tz database knows the zone. Intl (the worker's validation) knows a few
-- names PostgreSQL does not (US/Pacific-New, Canada/East-Saskatchewan): the writes that name a
-- zone answer 400 for those instead of failing their statement (zoned-sql.ts `zoneKnown`).
CREATE FUNCTION "task_known_zone"(zone text) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  PERFORM now() AT TIME ZONE zone;
  RETURN true;
EXCEPTION WHEN invalid_parameter_value THEN
  RETURN false;
END $$;
