import { listMyOrganizations as listMyOrganizationsUseCase } from '@fareway/core';
import { z } from 'zod';
import { OrganizationSchema } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const listMyOrganizations = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/organizations', tags: ['organizations'], summary: 'The organizations you belong to, with your role' },
  })
  .input(z.object({}).optional())
  .output(z.array(OrganizationSchema))
  .query(({ ctx }) => listMyOrganizationsUseCase(ctx.deps, ctx.actor));
