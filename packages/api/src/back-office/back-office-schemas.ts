import { BOOKING_STATUSES, PAYMENT_STATUSES } from '@fareway/domain';
import { z } from 'zod';
import { BookingSchema } from '../bookings/booking-schemas';
import { PageInput, PageMeta } from '../identity-schemas';
import { DateTimeInput } from '../input-rules';
import { PaymentSchema } from '../payments/payment-schemas';

const Iso = z.iso.datetime({ offset: true });
const minor = z.number().int();

/** A person named: what the console shows instead of a user id. */
export const PersonSchema = z.object({
  id: z.uuid(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
/** What a booking holds, named, with its zone (its times are shown on that wall clock). */
export const InventorySchema = z.object({ id: z.uuid(), label: z.string(), timeZone: z.string() });
export const OrganizationNameSchema = z.object({ id: z.uuid(), name: z.string() });

/** A time range filter: from inclusive, to exclusive. */
const Range = { from: DateTimeInput.optional(), to: DateTimeInput.optional() };
/** A customer's phone as typed ("077 123 4567", "+94771234567"). */
const Phone = z.string().trim().min(3).max(40).optional();

export const AdminBookingFilters = PageInput.extend({
  status: z.enum(BOOKING_STATUSES).optional(),
  kind: z.enum(['rental', 'seat']).optional(),
  phone: Phone,
  customerId: z.uuid().optional(),
  vehicleId: z.uuid().optional(),
  tripId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
  ...Range,
  sort: z.enum(['createdAt.desc', 'createdAt.asc', 'startsAt.desc', 'startsAt.asc']).optional(),
}).describe('from/to bound the start of the booking (its rental start or departure)');

export const AdminBookingRowSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['rental', 'seat']),
  status: z.enum(BOOKING_STATUSES),
  customer: PersonSchema.nullable(),
  inventory: InventorySchema.nullable(),
  organization: OrganizationNameSchema.nullable(),
  timeZone: z.string(),
  startsAt: Iso,
  endsAt: Iso,
  totalMinor: minor,
  paidMinor: minor,
  currency: z.string().length(3),
  createdAt: Iso,
});

export const AuditLineSchema = z.object({
  id: z.uuid(),
  at: Iso,
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string().nullable(),
  actor: PersonSchema.nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

export const GatewayEventSchema = z.object({
  id: z.uuid(),
  provider: z.string(),
  providerEventId: z.string(),
  status: z.string(),
  amountMinor: minor,
  currency: z.string(),
  receivedAt: Iso,
  processedAt: Iso.nullable(),
  outcome: z.string().nullable(),
});

export const AdminRefundSchema = z.object({
  id: z.uuid(),
  paymentId: z.uuid(),
  bookingId: z.uuid().nullable(),
  amountMinor: minor,
  currency: z.string().length(3),
  reason: z.enum(['cancellation', 'orphan', 'admin']),
  note: z.string().nullable().describe('The admin’s reason for a manual refund'),
  destination: z.enum(['gateway', 'wallet']),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: Iso,
  completedAt: Iso.nullable(),
});

export const AdminPaymentWithEventsSchema = PaymentSchema.extend({ events: z.array(GatewayEventSchema) });

export const AdminBookingSchema = z.object({
  booking: BookingSchema,
  customer: PersonSchema.nullable(),
  inventory: InventorySchema.nullable(),
  organization: OrganizationNameSchema.nullable(),
  payments: z.array(AdminPaymentWithEventsSchema),
  refunds: z.array(AdminRefundSchema),
  timeline: z.array(AuditLineSchema),
  cancelPreview: z
    .object({ allowed: z.boolean(), refundMinor: minor })
    .describe('What an admin cancelling now does: whether it may, and what it refunds'),
  refundableMinor: minor.describe('What a manual refund may still return (captured − refunded)'),
});

export const AdminPaymentFilters = PageInput.extend({
  status: z.enum(PAYMENT_STATUSES).optional(),
  provider: PaymentSchema.shape.provider.optional(),
  phone: Phone,
  ...Range,
}).describe('from/to bound when the payment was started');

export const AdminPaymentRowSchema = PaymentSchema.extend({ customer: PersonSchema.nullable() });

export const AdminPaymentSchema = z.object({
  payment: AdminPaymentWithEventsSchema,
  customer: PersonSchema.nullable(),
  refunds: z.array(AdminRefundSchema),
  timeline: z.array(AuditLineSchema),
});

export const AdminRefundFilters = PageInput.extend({
  status: AdminRefundSchema.shape.status.optional(),
  reason: AdminRefundSchema.shape.reason.optional(),
  ...Range,
}).describe('from/to bound when the refund was created');

export const AdminRefundRowSchema = AdminRefundSchema.extend({ customer: PersonSchema.nullable() });

export const AuditFilters = PageInput.extend({
  actor: z.string().trim().min(1).max(200).optional().describe('An email, a phone or a user id'),
  action: z.string().trim().min(1).max(100).optional().describe('Exact, e.g. booking.cancel'),
  subjectType: z.string().trim().min(1).max(50).optional(),
  subjectId: z.string().trim().min(1).max(100).optional(),
  ...Range,
});

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), meta: PageMeta });

/** A range filter's instants as Dates for the use cases. */
export function rangeOf(input: { from?: string; to?: string }) {
  return { from: input.from ? new Date(input.from) : undefined, to: input.to ? new Date(input.to) : undefined };
}
