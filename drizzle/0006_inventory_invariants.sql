-- Inventory invariants (DESIGN.md §3) that Drizzle's schema cannot express.

-- Links that would make the schema files import each other in a circle.
ALTER TABLE bookings ADD CONSTRAINT bookings_vehicle_id_fk FOREIGN KEY (vehicle_id) REFERENCES vehicles(id);
--> statement-breakpoint
ALTER TABLE bookings ADD CONSTRAINT bookings_trip_id_fk FOREIGN KEY (trip_id) REFERENCES trips(id);
--> statement-breakpoint
ALTER TABLE vehicle_occupancies ADD CONSTRAINT vehicle_occupancies_booking_id_fk FOREIGN KEY (booking_id) REFERENCES bookings(id);
--> statement-breakpoint
-- The blocked period starts with the rental and covers at least all of it (the turnaround buffer extends it).
ALTER TABLE vehicle_occupancies ADD CONSTRAINT vehicle_occupancies_blocked_period_check
  CHECK (lower(blocked_period) = starts_at AND upper(blocked_period) >= ends_at AND NOT lower_inf(blocked_period) AND NOT upper_inf(blocked_period));
--> statement-breakpoint
-- A vehicle is never booked twice for overlapping time, turnaround buffers and owner
-- blackouts included: no two live occupancies of one vehicle share an instant.
-- The hold use case queues on an advisory lock first; this is the last word.
ALTER TABLE vehicle_occupancies ADD CONSTRAINT vehicle_occupancies_no_overlap
  EXCLUDE USING gist (vehicle_id WITH =, blocked_period WITH &&)
  WHERE (status IN ('pending', 'confirmed', 'active', 'blackout'));
--> statement-breakpoint
-- The seat's legs are [fromStop, toStop) over the trip's stop indexes.
ALTER TABLE seat_reservations ADD CONSTRAINT seat_reservations_legs_check
  CHECK (legs = int4range(from_stop, to_stop, '[)'));
--> statement-breakpoint
-- A seat is never held or sold twice for overlapping legs (0→2 and 2→5 may both sell).
ALTER TABLE seat_reservations ADD CONSTRAINT seat_reservations_no_overlap
  EXCLUDE USING gist (trip_id WITH =, seat_no WITH =, legs WITH &&)
  WHERE (status IN ('pending', 'confirmed', 'active'));
--> statement-breakpoint
-- The inventory rows carry their booking's status so the constraints above can
-- read it; this trigger keeps them equal whatever code changes the booking.
-- Re-live-ing a row (a late payment re-acquiring its inventory) is checked
-- by the constraint like any insert.
CREATE OR REPLACE FUNCTION bookings_mirror_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'rental' THEN
    UPDATE vehicle_occupancies SET status = NEW.status WHERE booking_id = NEW.id;
  ELSE
    UPDATE seat_reservations SET status = NEW.status WHERE booking_id = NEW.id;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER bookings_status_mirror
  AFTER UPDATE OF status ON bookings
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION bookings_mirror_status();
--> statement-breakpoint
-- Inventory rows are written with their booking's status and must start equal to it.
CREATE OR REPLACE FUNCTION inventory_row_matches_booking() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  booking_status text;
BEGIN
  IF NEW.booking_id IS NULL THEN
    RETURN NEW;
  END IF;
  SELECT status INTO booking_status FROM bookings WHERE id = NEW.booking_id;
  IF booking_status IS DISTINCT FROM NEW.status THEN
    RAISE EXCEPTION 'inventory row status % differs from booking % status %', NEW.status, NEW.booking_id, booking_status
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER vehicle_occupancies_match_booking
  BEFORE INSERT ON vehicle_occupancies
  FOR EACH ROW EXECUTE FUNCTION inventory_row_matches_booking();
--> statement-breakpoint
CREATE TRIGGER seat_reservations_match_booking
  BEFORE INSERT ON seat_reservations
  FOR EACH ROW EXECUTE FUNCTION inventory_row_matches_booking();
