import { createOrganization as createOrganizationUseCase } from '@fareway/core';
import { z } from 'zod';
import { OrganizationSchema, originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const createOrganization = authedProcedure
  .meta({
    errors: [],
    openapi: { method: 'POST', path: '/organizations', tags: ['organizations'], summary: 'Register an operator; you become its owner' },
  })
  .input(z.object({ name: z.string().trim().min(2).max(120), timeZone: z.string().max(64).optional() }))
  .output(OrganizationSchema)
  .mutation(({ ctx, input }) => createOrganizationUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
