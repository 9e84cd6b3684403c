import { BOOKING_STATUSES } from '@fareway/domain';
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

/** A booking as clients see it: rentals and seats share it (REST contract: API.md "Vehicles and rentals", "Trips and seats"). */
export const BookingSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['rental', 'seat']),
  status: z.enum(BOOKING_STATUSES),
  vehicleId: z.uuid().nullable(),
  tripId: z.uuid().nullable(),
  timeZone: z.string().describe("The vehicle's or trip's IANA zone: show and read the booking's times on its wall clock"),
  startDate: Iso,
  endDate: Iso,
  fromStop: z.number().int().nullable(),
  toStop: z.number().int().nullable(),
  pickupLocation: z.string().nullable(),
  totalPrice: z.number().describe('Major units, kept for the first mobile client; use totalMinor'),
  totalMinor: z.number().int(),
  currency: z.string().length(3),
  paidMinor: z.number().int(),
  refundDueMinor: z.number().int().nullable().describe('Set on cancellation: what the snapshotted policy owes back'),
  expiresAt: Iso.nullable().describe('When an unpaid hold lapses (pending bookings only)'),
  confirmedAt: Iso.nullable(),
  cancelledAt: Iso.nullable(),
  cancellationReason: z.string().nullable(),
  lines: z.array(
    z.object({
      kind: z.string(),
      description: z.string(),
      quantity: z.number().int(),
      unitMinor: z.number().int(),
      amountMinor: z.number().int(),
      seatNo: z.string().nullable(),
    }),
  ),
  seats: z.array(z.object({ seatNo: z.string(), passengerName: z.string().nullable(), fareMinor: z.number().int() })),
  cancellationPolicy: z
    .object({
      tiers: z.array(z.object({ hoursBeforeStart: z.number(), refundBasisPoints: z.number().int() })),
      afterStartRefundBasisPoints: z.number().int(),
    })
    .describe(
      'The policy snapshotted when booked: a customer cancelling at least hoursBeforeStart ahead gets refundBasisPoints of what was paid',
    ),
  refunds: z
    .array(
      z.object({
        id: z.uuid(),
        amountMinor: z.number().int(),
        currency: z.string().length(3),
        destination: z.enum(['gateway', 'wallet']),
        status: z.enum(['pending', 'succeeded', 'failed']),
        createdAt: Iso,
        completedAt: Iso.nullable(),
      }),
    )
    .describe("Refunds of the booking's payments, oldest first, with their state"),
  createdAt: Iso,
});
