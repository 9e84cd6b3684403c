import { listMyBookings } from '@fareway/core';
import { BOOKING_STATUSES } from '@fareway/domain';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { authedProcedure } from '../trpc';
import { BookingSchema } from './booking-schemas';

export const listBookings = authedProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/bookings', tags: ['bookings'], summary: 'Your bookings, rentals and seats, newest first' },
  })
  .input(PageInput.extend({ status: z.enum(BOOKING_STATUSES).optional(), kind: z.enum(['rental', 'seat']).optional() }))
  .output(z.object({ items: z.array(BookingSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listMyBookings(ctx.deps, ctx.actor, input));
