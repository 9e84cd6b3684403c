-- The outboxes wake their workers by themselves (issue 16: fewer round trips).
-- A statement trigger NOTIFYs from inside the transaction that inserts notices or
-- partner-webhook deliveries, so the wake-up leaves exactly when that transaction
-- commits (never for one that rolls back), whoever wrote the rows, and the writer
-- spends no round trip of its own on it. One NOTIFY per statement, and only when the
-- statement inserted something (ON CONFLICT DO NOTHING may insert nothing).
CREATE OR REPLACE FUNCTION outbox_notify_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted) THEN
    PERFORM pg_notify(TG_ARGV[0], '');
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER notifications_notify_insert AFTER INSERT ON notifications
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_insert('fareway_notifications');
--> statement-breakpoint
CREATE TRIGGER webhook_deliveries_notify_insert AFTER INSERT ON webhook_deliveries
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify_insert('fareway_partner_webhooks');
