CREATE TABLE "booking_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"description" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_minor" bigint NOT NULL,
	"amount_minor" bigint NOT NULL,
	"seat_no" text
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text NOT NULL,
	"vehicle_id" uuid,
	"trip_id" uuid,
	"partner_user_id" uuid,
	"partner_organization_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"from_stop" integer,
	"to_stop" integer,
	"pickup_location" text,
	"currency" text NOT NULL,
	"total_minor" bigint NOT NULL,
	"commission_rate_basis_points" integer NOT NULL,
	"commission_minor" bigint NOT NULL,
	"partner_minor" bigint NOT NULL,
	"policy" jsonb NOT NULL,
	"paid_minor" bigint DEFAULT 0 NOT NULL,
	"refund_due_minor" bigint,
	"expires_at" timestamp with time zone,
	"hold_extended_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" uuid,
	"cancellation_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bookings_kind_check" CHECK ("bookings"."kind" in ('rental', 'seat')),
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled')),
	CONSTRAINT "bookings_kind_shape" CHECK (("bookings"."kind" = 'rental') = ("bookings"."vehicle_id" is not null) and ("bookings"."kind" = 'seat') = ("bookings"."trip_id" is not null)),
	CONSTRAINT "bookings_range_check" CHECK ("bookings"."ends_at" > "bookings"."starts_at"),
	CONSTRAINT "bookings_leg_check" CHECK ("bookings"."kind" <> 'seat' or ("bookings"."from_stop" >= 0 and "bookings"."to_stop" > "bookings"."from_stop")),
	CONSTRAINT "bookings_money_check" CHECK ("bookings"."total_minor" >= 0 and "bookings"."commission_minor" >= 0 and "bookings"."partner_minor" = "bookings"."total_minor" - "bookings"."commission_minor" and "bookings"."paid_minor" >= 0 and coalesce("bookings"."refund_due_minor", 0) >= 0 and coalesce("bookings"."refund_due_minor", 0) <= "bookings"."paid_minor"),
	CONSTRAINT "bookings_pending_expires" CHECK ("bookings"."status" <> 'pending' or "bookings"."expires_at" is not null),
	CONSTRAINT "bookings_currency_check" CHECK ("bookings"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "stored_files_purpose_check" CHECK ("stored_files"."purpose" in ('vehicle_photo', 'driver_document')),
	CONSTRAINT "stored_files_size_check" CHECK ("stored_files"."size_bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "buses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"registration_number" text NOT NULL,
	"layout_id" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "route_stops" (
	"route_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"arrive_offset_minutes" integer NOT NULL,
	"depart_offset_minutes" integer NOT NULL,
	"fare_to_next_minor" bigint,
	CONSTRAINT "route_stops_route_id_position_pk" PRIMARY KEY("route_id","position"),
	CONSTRAINT "route_stops_offsets_check" CHECK ("route_stops"."depart_offset_minutes" >= "route_stops"."arrive_offset_minutes" and "route_stops"."arrive_offset_minutes" >= 0),
	CONSTRAINT "route_stops_fare_check" CHECK (coalesce("route_stops"."fare_to_next_minor", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "routes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "routes_currency_check" CHECK ("routes"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "seat_layouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rows" integer NOT NULL,
	"columns" integer NOT NULL,
	"cells" jsonb NOT NULL,
	"seat_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seat_layouts_size_check" CHECK ("seat_layouts"."rows" between 1 and 40 and "seat_layouts"."columns" between 1 and 10 and "seat_layouts"."seat_count" > 0)
);
--> statement-breakpoint
CREATE TABLE "seat_reservations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"booking_id" uuid NOT NULL,
	"trip_id" uuid NOT NULL,
	"seat_no" text NOT NULL,
	"legs" "int4range" NOT NULL,
	"from_stop" integer NOT NULL,
	"to_stop" integer NOT NULL,
	"passenger_name" text,
	"fare_minor" bigint NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "seat_reservations_leg_check" CHECK ("seat_reservations"."from_stop" >= 0 and "seat_reservations"."to_stop" > "seat_reservations"."from_stop")
);
--> statement-breakpoint
CREATE TABLE "trip_stops" (
	"trip_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"city" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"arrives_at" timestamp with time zone NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"fare_to_next_minor" bigint,
	CONSTRAINT "trip_stops_trip_id_position_pk" PRIMARY KEY("trip_id","position"),
	CONSTRAINT "trip_stops_times_check" CHECK ("trip_stops"."departs_at" >= "trip_stops"."arrives_at")
);
--> statement-breakpoint
CREATE TABLE "trips" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"route_id" uuid NOT NULL,
	"bus_id" uuid NOT NULL,
	"layout_id" uuid NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"arrives_at" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"time_zone" text NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancellation_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "trips_status_check" CHECK ("trips"."status" in ('scheduled', 'boarding', 'departed', 'completed', 'cancelled')),
	CONSTRAINT "trips_times_check" CHECK ("trips"."arrives_at" > "trips"."departs_at")
);
--> statement-breakpoint
CREATE TABLE "driver_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"full_name" text NOT NULL,
	"national_id" text NOT NULL,
	"licence_number" text NOT NULL,
	"licence_expiry" date NOT NULL,
	"documents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "driver_applications_status_check" CHECK ("driver_applications"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "vehicle_occupancies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"vehicle_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"booking_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"blocked_period" "tstzrange" NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicle_occupancies_kind_check" CHECK ("vehicle_occupancies"."kind" in ('booking', 'blackout')),
	CONSTRAINT "vehicle_occupancies_kind_shape" CHECK (("vehicle_occupancies"."kind" = 'booking') = ("vehicle_occupancies"."booking_id" is not null) and ("vehicle_occupancies"."kind" = 'blackout') = ("vehicle_occupancies"."status" = 'blackout')),
	CONSTRAINT "vehicle_occupancies_range_check" CHECK ("vehicle_occupancies"."ends_at" > "vehicle_occupancies"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "vehicle_photos" (
	"vehicle_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicle_photos_vehicle_id_file_id_pk" PRIMARY KEY("vehicle_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"year" integer NOT NULL,
	"type" text NOT NULL,
	"seats" integer NOT NULL,
	"transmission" text NOT NULL,
	"fuel" text NOT NULL,
	"description" text,
	"city" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"time_zone" text NOT NULL,
	"daily_rate_minor" bigint NOT NULL,
	"currency" text NOT NULL,
	"buffer_minutes" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vehicles_status_check" CHECK ("vehicles"."status" in ('draft', 'pending_review', 'approved', 'rejected', 'suspended')),
	CONSTRAINT "vehicles_daily_rate_check" CHECK ("vehicles"."daily_rate_minor" > 0),
	CONSTRAINT "vehicles_seats_check" CHECK ("vehicles"."seats" between 1 and 100),
	CONSTRAINT "vehicles_buffer_check" CHECK ("vehicles"."buffer_minutes" between 0 and 10080),
	CONSTRAINT "vehicles_currency_check" CHECK ("vehicles"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "booking_lines" ADD CONSTRAINT "booking_lines_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_customer_id_users_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_partner_user_id_users_id_fk" FOREIGN KEY ("partner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_partner_organization_id_organizations_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stored_files" ADD CONSTRAINT "stored_files_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buses" ADD CONSTRAINT "buses_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buses" ADD CONSTRAINT "buses_layout_id_seat_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."seat_layouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "route_stops" ADD CONSTRAINT "route_stops_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_layouts" ADD CONSTRAINT "seat_layouts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_reservations" ADD CONSTRAINT "seat_reservations_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_reservations" ADD CONSTRAINT "seat_reservations_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trip_stops" ADD CONSTRAINT "trip_stops_trip_id_trips_id_fk" FOREIGN KEY ("trip_id") REFERENCES "public"."trips"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_bus_id_buses_id_fk" FOREIGN KEY ("bus_id") REFERENCES "public"."buses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trips" ADD CONSTRAINT "trips_layout_id_seat_layouts_id_fk" FOREIGN KEY ("layout_id") REFERENCES "public"."seat_layouts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_applications" ADD CONSTRAINT "driver_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "driver_applications" ADD CONSTRAINT "driver_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_occupancies" ADD CONSTRAINT "vehicle_occupancies_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_occupancies" ADD CONSTRAINT "vehicle_occupancies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_photos" ADD CONSTRAINT "vehicle_photos_vehicle_id_vehicles_id_fk" FOREIGN KEY ("vehicle_id") REFERENCES "public"."vehicles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicle_photos" ADD CONSTRAINT "vehicle_photos_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "booking_lines_position_key" ON "booking_lines" USING btree ("booking_id","position");--> statement-breakpoint
CREATE INDEX "bookings_customer_idx" ON "bookings" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE INDEX "bookings_customer_pending_idx" ON "bookings" USING btree ("customer_id","expires_at") WHERE "bookings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "bookings_vehicle_pending_idx" ON "bookings" USING btree ("vehicle_id","expires_at") WHERE "bookings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "bookings_trip_idx" ON "bookings" USING btree ("trip_id","status");--> statement-breakpoint
CREATE INDEX "bookings_vehicle_idx" ON "bookings" USING btree ("vehicle_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_pending_expiry_idx" ON "bookings" USING btree ("expires_at") WHERE "bookings"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "stored_files_owner_idx" ON "stored_files" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "buses_org_idx" ON "buses" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "buses_registration_key" ON "buses" USING btree ("organization_id","registration_number");--> statement-breakpoint
CREATE INDEX "routes_org_idx" ON "routes" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "seat_layouts_org_idx" ON "seat_layouts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "seat_reservations_booking_idx" ON "seat_reservations" USING btree ("booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_reservations_seat_per_booking" ON "seat_reservations" USING btree ("booking_id","seat_no");--> statement-breakpoint
CREATE INDEX "trip_stops_city_idx" ON "trip_stops" USING btree (lower("city"),"departs_at");--> statement-breakpoint
CREATE INDEX "trip_stops_name_idx" ON "trip_stops" USING btree (lower("name"),"departs_at");--> statement-breakpoint
CREATE INDEX "trips_departs_idx" ON "trips" USING btree ("departs_at") WHERE "trips"."status" in ('scheduled', 'boarding');--> statement-breakpoint
CREATE INDEX "trips_org_idx" ON "trips" USING btree ("organization_id","departs_at");--> statement-breakpoint
CREATE UNIQUE INDEX "driver_applications_one_pending" ON "driver_applications" USING btree ("user_id") WHERE "driver_applications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "driver_applications_status_idx" ON "driver_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicle_occupancies_booking_key" ON "vehicle_occupancies" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "vehicles_owner_idx" ON "vehicles" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "vehicles_search_idx" ON "vehicles" USING btree (lower("city"),"seats") WHERE "vehicles"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "vehicles_status_idx" ON "vehicles" USING btree ("status","created_at");