import { getTicket as getTicketUseCase } from '@fareway/core';
import { z } from 'zod';
import { authedProcedure } from '../trpc';
import { TicketSchema } from './ticket-schemas';

export const getTicket = authedProcedure
  .meta({
    errors: ['BOOKING_NOT_FOUND', 'TICKET_NOT_ISSUED'],
    openapi: {
      method: 'GET',
      path: '/bookings/{id}/ticket',
      tags: ['bookings'],
      summary: 'The e-ticket of a paid seat booking, with the signed code for its QR',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(TicketSchema)
  .query(({ ctx, input }) => getTicketUseCase(ctx.deps, ctx.actor, input.id));
