-- Hand-written (drizzle-kit does not model functions); docs/decisions/0035-kept-statements.md.
-- Makes `fname` a PL/pgSQL function that runs `body` (one statement with parameters $1…$n) and
-- returns its rows, unless the function exists. A neon-http query is parsed and planned anew on
-- every request; a PL/pgSQL body's statements are planned once per connection and kept, so the
-- worker's long write statements run as calls of such functions (api/src/db/kept-statements.ts).
-- The parameter types are the ones PostgreSQL infers for the statement (PREPARE); the result types
-- are the ones the caller saw the statement answer with (PostgreSQL 15 does not expose a prepared
-- statement's result types). True when the function exists after the call, false when the
-- statement cannot be kept (it returns no columns, or one of a type a function cannot declare):
-- the caller then runs it as it is. `settings` (name, value, name, value, …) are planner settings
-- the function runs and plans its body with (`CREATE FUNCTION … SET`), as a `set_config(…, true)`
-- before the statement in the same transaction would.
CREATE FUNCTION "kept_ensure"(fname text, body text, result_types oid[], settings text[] DEFAULT '{}')
RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
  args text;
  outs text;
  sets text := '';
BEGIN
  IF fname !~ '^kept_[0-9a-f]{24}$' THEN
    RAISE EXCEPTION 'not a kept statement''s name: %', fname;
  END IF;
  IF to_regproc(fname) IS NOT NULL THEN RETURN true; END IF;
  -- PREPARE is not transactional: an attempt that failed after it may have left it behind.
  IF EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = fname) THEN
    EXECUTE format('DEALLOCATE %I', fname);
  END IF;
  EXECUTE format('PREPARE %I AS %s', fname, body);
  SELECT string_agg(format_type(t, NULL), ', ' ORDER BY i) INTO args
    FROM pg_prepared_statements, unnest(parameter_types::oid[]) WITH ORDINALITY AS u(t, i)
    WHERE name = fname;
  EXECUTE format('DEALLOCATE %I', fname);
  SELECT string_agg(format('_k%s %s', i, format_type(t, NULL)), ', ' ORDER BY i) INTO outs
    FROM unnest(result_types) WITH ORDINALITY AS u(t, i);
  IF outs IS NULL THEN RETURN false; END IF;
  FOR i IN 1 .. coalesce(array_length(settings, 1), 0) / 2 LOOP
    sets := sets || format(' SET %I = %L', settings[2 * i - 1], settings[2 * i]);
  END LOOP;
  EXECUTE format(
    'CREATE FUNCTION %I(%s) RETURNS TABLE(%s) LANGUAGE plpgsql%s AS %L',
    fname, coalesce(args, ''), outs, sets,
    E'#variable_conflict use_column\nBEGIN\nRETURN QUERY ' || body || E';\nEND');
  RETURN true;
EXCEPTION
  -- Another connection made it between the check and the CREATE.
  WHEN duplicate_function OR unique_violation THEN RETURN true;
  WHEN syntax_error OR datatype_mismatch OR invalid_function_definition OR undefined_object
    OR indeterminate_datatype OR feature_not_supported OR undefined_parameter
    OR invalid_parameter_value THEN RETURN false;
END $$;
