-- Hand-written (issue 16). A transaction that NOTIFYs takes a database-wide lock at commit
-- and keeps it through its commit's WAL flush, so notifying transactions commit one at a
-- time, never in a group: with one notice per hold, every hold waited for every other
-- hold's flush. A transaction may now say, with the transaction-local setting
-- `fareway.outbox_wake = 'after_commit'`, that it wakes the outbox workers itself once
-- committed (core's wakeOutboxes: a few coalesced NOTIFYs a second per process); its
-- inserts then NOTIFY nothing. Every other writer NOTIFYs from these triggers as before.
CREATE OR REPLACE FUNCTION outbox_notify_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('fareway.outbox_wake', true) = 'after_commit' THEN
    RETURN NULL;
  END IF;
  IF EXISTS (SELECT 1 FROM inserted) THEN
    PERFORM pg_notify(TG_ARGV[0], '');
  END IF;
  RETURN NULL;
END;
$$;
