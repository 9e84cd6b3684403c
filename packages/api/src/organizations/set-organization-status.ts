import { setOrganizationStatus as setOrganizationStatusUseCase } from '@fareway/core';
import { z } from 'zod';
import { OrganizationSchema, originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const setOrganizationStatus = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: '/admin/organizations/{organizationId}/status',
      tags: ['admin'],
      summary: 'Approve or suspend an operator (admin); suspending a pending one rejects it, with the reason told to its owners',
    },
  })
  .input(
    z.object({ organizationId: z.uuid(), status: z.enum(['approved', 'suspended']), reason: z.string().trim().min(1).max(500).optional() }),
  )
  .output(OrganizationSchema)
  .mutation(({ ctx, input }) => setOrganizationStatusUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
