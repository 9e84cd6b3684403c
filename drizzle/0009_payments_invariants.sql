-- Payments and ledger invariants (DESIGN.md §3) that Drizzle's schema cannot express.

-- Money balances: at commit, every journal's entries sum to zero in each currency.
-- Deferred, so a journal's lines can be inserted one by one inside its transaction.
CREATE OR REPLACE FUNCTION ledger_journal_must_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  unbalanced record;
BEGIN
  SELECT currency, sum(amount_minor) AS total INTO unbalanced
    FROM ledger_entries WHERE journal_id = NEW.journal_id
    GROUP BY currency HAVING sum(amount_minor) <> 0 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger journal % does not balance in %: off by %', NEW.journal_id, unbalanced.currency, unbalanced.total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_journal_balanced';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced
  AFTER INSERT ON ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger_journal_must_balance();
--> statement-breakpoint
-- The ledger is append-only: a correction is a new journal, never an edit.
CREATE OR REPLACE FUNCTION ledger_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_journals_append_only BEFORE UPDATE OR DELETE ON ledger_journals
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
-- A refund never exceeds what was captured: every refund that is not failed is
-- counted into payments.refunded_minor, which payments_refunded_within_captured
-- bounds by captured_minor. Incremental (+/-) on purpose: the UPDATE takes the
-- payment's row lock, and a concurrent refund re-reads the committed total, so
-- two refunds racing for the last money cannot both pass.
CREATE OR REPLACE FUNCTION refunds_count_against_capture() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta bigint := 0;
  payment_currency text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT currency INTO payment_currency FROM payments WHERE id = NEW.payment_id;
    IF payment_currency IS DISTINCT FROM NEW.currency THEN
      RAISE EXCEPTION 'refund currency % differs from payment currency %', NEW.currency, payment_currency
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_currency_matches_payment';
    END IF;
    IF NEW.status <> 'failed' THEN delta := NEW.amount_minor; END IF;
  ELSE
    IF NEW.payment_id <> OLD.payment_id OR NEW.currency <> OLD.currency THEN
      RAISE EXCEPTION 'a refund cannot move to another payment or currency' USING ERRCODE = 'check_violation';
    END IF;
    delta := (CASE WHEN NEW.status <> 'failed' THEN NEW.amount_minor ELSE 0 END)
           - (CASE WHEN OLD.status <> 'failed' THEN OLD.amount_minor ELSE 0 END);
  END IF;
  IF delta <> 0 THEN
    UPDATE payments SET refunded_minor = refunded_minor + delta WHERE id = NEW.payment_id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER refunds_count_against_capture
  AFTER INSERT OR UPDATE OF status, amount_minor, payment_id, currency ON refunds
  FOR EACH ROW EXECUTE FUNCTION refunds_count_against_capture();
--> statement-breakpoint
-- Refunds are records of money owed: never deleted.
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
-- One active intent per booking: a second initiate returns or supersedes the
-- first (core/payments/initiate-payment.ts), and this has the last word.
CREATE UNIQUE INDEX payments_one_active_per_booking ON payments (booking_id)
  WHERE status IN ('initiated', 'pending') AND booking_id IS NOT NULL;
--> statement-breakpoint
-- A gateway event is applied once: recorded under its unique id, duplicates change nothing.
CREATE UNIQUE INDEX payment_events_provider_event_key ON payment_events (provider, provider_event_id);
--> statement-breakpoint
-- Webhook processing looks intents up by the gateway's reference.
CREATE INDEX payments_provider_reference_idx ON payments (provider, provider_reference) WHERE provider_reference IS NOT NULL;
