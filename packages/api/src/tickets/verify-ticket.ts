import { verifyTicket as verifyTicketUseCase } from '@fareway/core';
import { z } from 'zod';
import { orgProcedure } from '../trpc';
import { TicketViewSchema } from './ticket-schemas';

export const verifyTicket = orgProcedure
  .meta({
    errors: ['TICKET_INVALID', 'TICKET_WRONG_TRIP', 'TICKET_NOT_VALID'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/tickets/verify',
      tags: ['operators'],
      summary: "Check a scanned e-ticket: the booking and its passengers, if it is a paid booking on this operator's trip",
    },
  })
  .input(
    z.object({
      code: z.string().trim().min(1).max(200).describe('What the QR code holds'),
      tripId: z.uuid().optional().describe('The trip being boarded: a ticket for another trip is refused'),
    }),
  )
  .output(TicketViewSchema)
  .mutation(({ ctx, input }) => verifyTicketUseCase(ctx.deps, ctx.actor, input));
