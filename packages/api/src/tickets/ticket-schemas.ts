import { BOOKING_STATUSES } from '@fareway/domain';
import { z } from 'zod';
import { BookingSchema } from '../bookings/booking-schemas';
import { OperatorSchema } from '../trips/trip-schemas';

const Iso = z.iso.datetime({ offset: true });

/** What an e-ticket says, and what the operator's scanner reads back. */
export const TicketViewSchema = z.object({
  bookingId: z.uuid(),
  reference: z.string().describe('The reference people quote, FW-XXXXXXXX'),
  status: z.enum(BOOKING_STATUSES),
  tripId: z.uuid(),
  operator: OperatorSchema,
  routeName: z.string(),
  bus: z.object({ name: z.string(), registrationNumber: z.string() }),
  timeZone: z.string().describe("The trip's IANA zone: show departure and arrival on its wall clock"),
  from: z.object({ position: z.number().int(), name: z.string(), city: z.string(), departsAt: Iso }),
  to: z.object({ position: z.number().int(), name: z.string(), city: z.string(), arrivesAt: Iso }),
  passengers: z.array(z.object({ seatNo: z.string(), passengerName: z.string().nullable() })),
  customerName: z.string().nullable(),
  totalMinor: z.number().int(),
  currency: z.string().length(3),
});

export const TicketSchema = TicketViewSchema.extend({
  code: z.string().describe("The signed booking reference the ticket's QR code carries; the operator checks it with /tickets/verify"),
});

export const ReceiptSchema = z.object({
  reference: z.string(),
  booking: BookingSchema,
  title: z.string().describe('What was booked, in words'),
  payments: z.array(
    z.object({
      id: z.uuid(),
      provider: z.string(),
      amountMinor: z.number().int(),
      currency: z.string().length(3),
      status: z.string(),
      paidAt: Iso.nullable(),
    }),
  ),
  totals: z.object({
    chargedMinor: z.number().int().describe('The price of the booking'),
    paidMinor: z.number().int().describe('What the payments captured'),
    refundedMinor: z.number().int().describe('Refunds that went through'),
    netMinor: z.number().int(),
    currency: z.string().length(3),
  }),
});
