import { listOrganizations as listOrganizationsUseCase } from '@fareway/core';
import { z } from 'zod';
import { OrganizationSchema, PageInput, PageMeta } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const listOrganizations = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/organizations',
      tags: ['admin'],
      summary: 'Operators by status, newest first (status=pending is the approval queue)',
    },
  })
  .input(PageInput.extend({ status: z.enum(['pending', 'approved', 'suspended']).optional() }))
  .output(z.object({ items: z.array(OrganizationSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listOrganizationsUseCase(ctx.deps, input));
