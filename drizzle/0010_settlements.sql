CREATE TABLE "settlement_lines" (
	"id" uuid PRIMARY KEY NOT NULL,
	"settlement_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"gross_minor" bigint NOT NULL,
	"commission_minor" bigint NOT NULL,
	"fees_minor" bigint NOT NULL,
	"refunds_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	CONSTRAINT "settlement_lines_net_check" CHECK ("settlement_lines"."net_minor" = "settlement_lines"."gross_minor" - "settlement_lines"."commission_minor" - "settlement_lines"."fees_minor" - "settlement_lines"."refunds_minor")
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"partner_account" text NOT NULL,
	"partner_user_id" uuid,
	"partner_organization_id" uuid,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"gross_minor" bigint NOT NULL,
	"commission_minor" bigint NOT NULL,
	"fees_minor" bigint NOT NULL,
	"refunds_minor" bigint NOT NULL,
	"net_minor" bigint NOT NULL,
	"line_count" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"paid_at" timestamp with time zone,
	"paid_by" uuid,
	"payout_reference" text,
	CONSTRAINT "settlements_period_check" CHECK ("settlements"."period" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
	CONSTRAINT "settlements_status_check" CHECK ("settlements"."status" in ('draft', 'approved', 'paid')),
	CONSTRAINT "settlements_partner_check" CHECK (("settlements"."partner_user_id" is null) <> ("settlements"."partner_organization_id" is null)),
	CONSTRAINT "settlements_net_check" CHECK ("settlements"."net_minor" = "settlements"."gross_minor" - "settlements"."commission_minor" - "settlements"."fees_minor" - "settlements"."refunds_minor"),
	CONSTRAINT "settlements_currency_check" CHECK ("settlements"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "settlements_paid_shape" CHECK (("settlements"."status" = 'paid') = ("settlements"."paid_at" is not null and "settlements"."payout_reference" is not null)),
	CONSTRAINT "settlements_approved_shape" CHECK (("settlements"."status" = 'draft') = ("settlements"."approved_at" is null))
);
--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_settlement_id_settlements_id_fk" FOREIGN KEY ("settlement_id") REFERENCES "public"."settlements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_lines" ADD CONSTRAINT "settlement_lines_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_partner_user_id_users_id_fk" FOREIGN KEY ("partner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_partner_organization_id_organizations_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "settlement_lines_booking_key" ON "settlement_lines" USING btree ("settlement_id","booking_id");--> statement-breakpoint
CREATE UNIQUE INDEX "settlements_partner_period_key" ON "settlements" USING btree ("partner_account","currency","period");--> statement-breakpoint
CREATE INDEX "settlements_period_idx" ON "settlements" USING btree ("period","status");--> statement-breakpoint
CREATE INDEX "settlements_partner_user_idx" ON "settlements" USING btree ("partner_user_id","period");--> statement-breakpoint
CREATE INDEX "settlements_partner_organization_idx" ON "settlements" USING btree ("partner_organization_id","period");--> statement-breakpoint
CREATE INDEX "ledger_journals_created_at_idx" ON "ledger_journals" USING btree ("created_at");