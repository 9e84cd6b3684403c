import { listDriverApplications as listDriverApplicationsUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { DriverApplicationSchema } from './driver-schemas';

export const listDriverApplications = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/driver-applications',
      tags: ['admin'],
      summary:
        'Driver applications by status, oldest first; q finds one by name, national id, licence, or the applicant’s phone or email (admin)',
    },
  })
  .input(
    PageInput.extend({
      status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
      q: z.string().trim().max(100).optional().describe('Part of a name, national id, licence number, email or phone'),
    }),
  )
  .output(z.object({ items: z.array(DriverApplicationSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listDriverApplicationsUseCase(ctx.deps, input));
