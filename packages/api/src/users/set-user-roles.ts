import { setUserRoles as setUserRolesUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf, PublicUserSchema } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const setUserRoles = adminProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: { method: 'PUT', path: '/admin/users/{userId}/roles', tags: ['admin'], summary: "Replace a user's roles (admin)" },
  })
  .input(z.object({ userId: z.uuid(), roles: z.array(z.enum(['customer', 'driver', 'admin'])).max(3) }))
  .output(PublicUserSchema)
  .mutation(({ ctx, input }) => setUserRolesUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
