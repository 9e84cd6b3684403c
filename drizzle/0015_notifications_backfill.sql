-- The SMS outbox becomes the one outbox for email and SMS (0015). Rows written
-- before it keep their order and delivery: a queued row is due from when it was
-- written (the send-notifications sweep delivers it; its old send-sms job is no
-- longer worked), and rows for a known number are linked to the account.
UPDATE notifications SET next_attempt_at = created_at WHERE status = 'queued';
--> statement-breakpoint
UPDATE notifications n SET user_id = u.id FROM users u WHERE n.user_id IS NULL AND n.channel = 'sms' AND u.phone = n.recipient;
