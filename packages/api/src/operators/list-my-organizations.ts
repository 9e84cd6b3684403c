import { listMyOrganizations as listMyOrganizationsUseCase } from '@fareway/core';
import { z } from 'zod';
import { OrganizationSchema, PageInput, PageMeta } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const listMyOrganizations = authedProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/organizations', tags: ['organizations'], summary: 'The organizations you belong to, with your role' },
  })
  .input(PageInput.optional())
  .output(z.object({ items: z.array(OrganizationSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listMyOrganizationsUseCase(ctx.deps, ctx.actor, input ?? { page: 1, limit: 20 }));
