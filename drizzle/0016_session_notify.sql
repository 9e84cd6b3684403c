-- Revocation reaches every API process on its next request (DESIGN.md §9, issue 16).
-- Each API process caches validated sessions for a few seconds and LISTENs on
-- `fareway_sessions`; these triggers NOTIFY from inside the transaction that changes a
-- session or its user, so the message leaves exactly when that transaction commits
-- (never for one that rolls back), whoever wrote it: logout, logout-all, suspension,
-- role changes, renewal, token rotation, a cascade from a deleted user.
-- Payloads: `s:<session id>` drops one session, `u:<user id>` every session of a user,
-- `*` everything (TRUNCATE).
CREATE OR REPLACE FUNCTION sessions_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fareway_sessions', 's:' || OLD.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_change AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION sessions_notify_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION users_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fareway_sessions', 'u:' || NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER users_notify_change AFTER UPDATE ON users
  FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION users_notify_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION sessions_notify_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('fareway_sessions', '*');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_notify_truncate AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_notify_truncate();
--> statement-breakpoint
CREATE TRIGGER users_notify_truncate AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION sessions_notify_truncate();
