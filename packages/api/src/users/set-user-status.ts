import { setUserStatus as setUserStatusUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf, PublicUserSchema } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const setUserStatus = adminProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/admin/users/{userId}/status',
      tags: ['admin'],
      summary: 'Suspend (revoking every session) or reactivate a user (admin)',
    },
  })
  .input(z.object({ userId: z.uuid(), status: z.enum(['active', 'suspended']), reason: z.string().trim().max(500).optional() }))
  .output(PublicUserSchema)
  .mutation(({ ctx, input }) => setUserStatusUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
