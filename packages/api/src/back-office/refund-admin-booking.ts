import { refundBooking } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { AdminRefundSchema } from './back-office-schemas';

/** The form's schema too: the console validates with it before sending. */
export const RefundBookingInput = z.object({
  id: z.uuid(),
  amountMinor: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(3, { message: 'Say why in a few words' }).max(500),
});

export const refundAdminBooking = adminProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'REFUND_EXCEEDS_CAPTURED'],
    openapi: {
      method: 'POST',
      path: '/admin/bookings/{id}/refunds',
      tags: ['admin'],
      summary: 'Refund part (or all) of what a booking’s payment captured, with a reason; executed by process-refunds (admin)',
    },
  })
  .input(RefundBookingInput)
  .output(AdminRefundSchema)
  .mutation(({ ctx, input }) =>
    refundBooking(ctx.deps, ctx.actor, { bookingId: input.id, amountMinor: input.amountMinor, reason: input.reason }, originOf(ctx)),
  );
