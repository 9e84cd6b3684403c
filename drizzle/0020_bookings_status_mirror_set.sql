-- Hand-written. The inventory rows mirror their booking's status (0006); that mirror ran once
-- per booking row, one UPDATE each, which was half of what the expire-holds sweep spent on
-- a chunk of 5 000 holds (issue 11: goal 10 000 holds/s). It now runs once per statement
-- over the statement's changed rows (transition tables), one UPDATE per inventory table,
-- with the same effect: every inventory row carries its booking's status, and a row made
-- live again is checked by the exclusion constraints like any insert.
-- (A trigger with transition tables cannot name columns, so it fires after every UPDATE of
-- bookings and picks out the rows whose status changed.)
CREATE OR REPLACE FUNCTION bookings_mirror_status_set() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE vehicle_occupancies o SET status = n.status
    FROM changed_bookings n JOIN previous_bookings p ON p.id = n.id
   WHERE o.booking_id = n.id AND n.kind = 'rental' AND n.status IS DISTINCT FROM p.status;
  UPDATE seat_reservations r SET status = n.status
    FROM changed_bookings n JOIN previous_bookings p ON p.id = n.id
   WHERE r.booking_id = n.id AND n.kind <> 'rental' AND n.status IS DISTINCT FROM p.status;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS bookings_status_mirror ON bookings;
--> statement-breakpoint
DROP FUNCTION IF EXISTS bookings_mirror_status();
--> statement-breakpoint
CREATE TRIGGER bookings_status_mirror
  AFTER UPDATE ON bookings
  REFERENCING OLD TABLE AS previous_bookings NEW TABLE AS changed_bookings
  FOR EACH STATEMENT EXECUTE FUNCTION bookings_mirror_status_set();
