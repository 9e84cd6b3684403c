-- Hand-written. The console's user search (`ILIKE '%term%'` on a user's phone, email and name
-- together, core/identity/person-search.ts) is served by one trigram GIN index on that text
-- instead of reading every user: a leading wildcard cannot use a btree. One expression (the
-- three joined by a unit separator nobody types) rather than three indexes: the planner takes one
-- bitmap scan where three OR-ed ones cost more than reading a mid-sized table. pg_trgm ships with
-- PostgreSQL's contrib (embedded-postgres and Debian's postgresql-15 alike). Drizzle cannot create
-- an extension, so the index lives here, beside it, rather than in the schema.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_search_trgm_idx" ON "users" USING gin (
  (coalesce("phone", '') || E'\x1f' || coalesce("email", '') || E'\x1f' || coalesce("name", '')) gin_trgm_ops
);
