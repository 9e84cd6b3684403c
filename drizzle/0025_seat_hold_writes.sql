-- Hand-written (its snapshot is drizzle-kit's for the schema files' part; the composite foreign keys are
-- only here, like 0006's). Issue 16: what a hold writes beyond the rows it needs.
--
-- 1. A booking's partner was checked against users / organizations. A foreign-key check locks the
--    referenced row (FOR KEY SHARE); every concurrent seat hold of one operator locked the same
--    organizations row, so each hold made a MultiXact of all the others (bench/profile-seat-holds: one per
--    hold at 16 clients). The partner is now checked against the row the hold locks anyway, its trip or
--    vehicle: (trip_id, partner_organization_id) must be a trip and its operator, (vehicle_id,
--    partner_user_id) a vehicle and its owner. That is stricter than before (the partner is the
--    inventory's, not any organisation or user), and existence follows: trips and vehicles reference
--    organizations and users themselves.
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_partner_user_id_users_id_fk";
--> statement-breakpoint
ALTER TABLE "bookings" DROP CONSTRAINT "bookings_partner_organization_id_organizations_id_fk";
--> statement-breakpoint
CREATE UNIQUE INDEX "trips_id_organization_key" ON "trips" USING btree ("id","organization_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_id_owner_key" ON "vehicles" USING btree ("id","owner_user_id");
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_partner_shape" CHECK (("bookings"."partner_user_id" is null or "bookings"."vehicle_id" is not null) and ("bookings"."partner_organization_id" is null or "bookings"."trip_id" is not null));
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_trip_partner_fk" FOREIGN KEY ("trip_id", "partner_organization_id") REFERENCES "trips"("id", "organization_id");
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_vehicle_partner_fk" FOREIGN KEY ("vehicle_id", "partner_user_id") REFERENCES "vehicles"("id", "owner_user_id");
--> statement-breakpoint
-- 2. Index entries no query reads. The vehicle indexes of bookings took an entry for every seat booking
--    (vehicle_id null) and the trip index one for every rental; every query of them names a vehicle or a
--    trip, which implies the column is not null, so they are partial on it now (and so is the operator's).
DROP INDEX "bookings_vehicle_pending_idx";
--> statement-breakpoint
CREATE INDEX "bookings_vehicle_pending_idx" ON "bookings" USING btree ("vehicle_id","expires_at") WHERE "bookings"."status" = 'pending' and "bookings"."vehicle_id" is not null;
--> statement-breakpoint
DROP INDEX "bookings_vehicle_idx";
--> statement-breakpoint
CREATE INDEX "bookings_vehicle_idx" ON "bookings" USING btree ("vehicle_id","starts_at") WHERE "bookings"."vehicle_id" is not null;
--> statement-breakpoint
DROP INDEX "bookings_trip_idx";
--> statement-breakpoint
CREATE INDEX "bookings_trip_idx" ON "bookings" USING btree ("trip_id","status") WHERE "bookings"."trip_id" is not null;
--> statement-breakpoint
DROP INDEX "bookings_organization_idx";
--> statement-breakpoint
CREATE INDEX "bookings_organization_idx" ON "bookings" USING btree ("partner_organization_id","created_at") WHERE "bookings"."partner_organization_id" is not null;
--> statement-breakpoint
-- 3. A reserved seat went into two btree indexes by booking: (trip_id, booking_id, seat_no) unique and
--    (booking_id). With booking first, the unique one serves reads by booking as well (it still includes
--    trip_id, the distribution column, and still means a seat once per booking).
DROP INDEX "seat_reservations_seat_per_booking";
--> statement-breakpoint
CREATE UNIQUE INDEX "seat_reservations_seat_per_booking" ON "seat_reservations" USING btree ("booking_id","trip_id","seat_no");
--> statement-breakpoint
DROP INDEX "seat_reservations_booking_idx";
