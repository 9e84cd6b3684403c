-- Hand-written. 0050 narrowed "one occupancy per booking" to unique (vehicle_id, booking_id)
-- and "a seat once per booking" to unique (trip_id, booking_id, seat_no), so that every key
-- includes the distribution column. They still mean what they meant because an inventory
-- row must now sit on its booking's own vehicle or trip: with that column fixed by the
-- booking, (vehicle_id, booking_id) is unique exactly when booking_id is.
CREATE OR REPLACE FUNCTION inventory_row_matches_booking() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  booking_status text;
  booking_resource uuid;
  row_resource uuid;
BEGIN
  IF NEW.booking_id IS NULL THEN
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'vehicle_occupancies' THEN
    SELECT status, vehicle_id INTO booking_status, booking_resource FROM bookings WHERE id = NEW.booking_id;
    row_resource := NEW.vehicle_id;
  ELSE
    SELECT status, trip_id INTO booking_status, booking_resource FROM bookings WHERE id = NEW.booking_id;
    row_resource := NEW.trip_id;
  END IF;
  IF booking_status IS DISTINCT FROM NEW.status THEN
    RAISE EXCEPTION 'inventory row status % differs from booking % status %', NEW.status, NEW.booking_id, booking_status
      USING ERRCODE = 'check_violation';
  END IF;
  IF booking_resource IS DISTINCT FROM row_resource THEN
    RAISE EXCEPTION 'inventory row of booking % is on % but the booking is on %', NEW.booking_id, row_resource, booking_resource
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- The same holds for updates that would move a row to another vehicle or trip.
DROP TRIGGER IF EXISTS vehicle_occupancies_match_booking ON vehicle_occupancies;
--> statement-breakpoint
CREATE TRIGGER vehicle_occupancies_match_booking
  BEFORE INSERT OR UPDATE OF vehicle_id, booking_id ON vehicle_occupancies
  FOR EACH ROW EXECUTE FUNCTION inventory_row_matches_booking();
--> statement-breakpoint
DROP TRIGGER IF EXISTS seat_reservations_match_booking ON seat_reservations;
--> statement-breakpoint
CREATE TRIGGER seat_reservations_match_booking
  BEFORE INSERT OR UPDATE OF trip_id, booking_id ON seat_reservations
  FOR EACH ROW EXECUTE FUNCTION inventory_row_matches_booking();
