import { getSystemStatus } from '@fareway/core';
import { z } from 'zod';
import { publicProcedure } from '../trpc';

export const PublicStatusOutput = z.object({
  status: z.enum(['up', 'down']).describe('up: the API answers and reaches its database'),
});

// Security: anyone may ask whether the service is up, nothing more; versions, migrations and the worker are for admins (system.fullStatus).
export const getStatus = publicProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/system/status',
      tags: ['system'],
      summary: 'Whether the service is up',
    },
  })
  .input(z.void())
  .output(PublicStatusOutput)
  .query(async ({ ctx }) => ({ status: (await getSystemStatus(ctx.deps)).database.ok ? ('up' as const) : ('down' as const) }));
