import { createOrganization as createOrganizationUseCase } from '@fareway/core';
import { OrganizationSchema, originOf } from '../identity-schemas';
import { OrganizationInput } from '../operators/operator-inputs';
import { authedProcedure } from '../trpc';

export const createOrganization = authedProcedure
  .meta({
    errors: [],
    openapi: { method: 'POST', path: '/organizations', tags: ['organizations'], summary: 'Register an operator; you become its owner' },
  })
  .input(OrganizationInput)
  .output(OrganizationSchema)
  .mutation(({ ctx, input }) => createOrganizationUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
