import { reviewDriverApplication } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { DriverApplicationSchema } from './driver-schemas';

export const approveDriverApplication = adminProcedure
  .meta({
    errors: ['USER_NOT_FOUND', 'NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/admin/driver-applications/{id}/approve',
      tags: ['admin'],
      summary: 'Approve a driver application, with an optional note the applicant reads; they get the driver role (admin)',
    },
  })
  .input(z.object({ id: z.uuid(), reason: z.string().trim().min(3).max(500).optional().describe('A note sent with the approval') }))
  .output(DriverApplicationSchema)
  .mutation(({ ctx, input }) =>
    reviewDriverApplication(ctx.deps, ctx.actor, { applicationId: input.id, decision: 'approve', reason: input.reason }, originOf(ctx)),
  );

export const rejectDriverApplication = adminProcedure
  .meta({
    errors: ['USER_NOT_FOUND', 'NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/admin/driver-applications/{id}/reject',
      tags: ['admin'],
      summary: 'Reject a driver application with a reason the applicant sees (admin)',
    },
  })
  .input(z.object({ id: z.uuid(), reason: z.string().trim().min(3).max(500) }))
  .output(DriverApplicationSchema)
  .mutation(({ ctx, input }) =>
    reviewDriverApplication(ctx.deps, ctx.actor, { applicationId: input.id, decision: 'reject', reason: input.reason }, originOf(ctx)),
  );
