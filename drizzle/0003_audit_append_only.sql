-- The audit log is append-only (DESIGN.md §3): rows are written in the same
-- transaction as the action they record, and nothing may rewrite history. A
-- trigger refuses UPDATE and DELETE for every role, the application's included;
-- TRUNCATE is refused by a statement-level trigger.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Emails are compared case-insensitively: the app lower-cases them, the database holds it to that.
ALTER TABLE users ADD CONSTRAINT users_email_lowercase CHECK (email = lower(email));
--> statement-breakpoint
-- Phone numbers are stored in E.164 only.
ALTER TABLE users ADD CONSTRAINT users_phone_e164 CHECK (phone ~ '^\+[1-9][0-9]{6,14}$');
