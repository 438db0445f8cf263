-- Trigram matching for the task search (q): the GIN indexes of the next migration need it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
