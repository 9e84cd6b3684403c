import { updateProfile as updateProfileUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf, PublicUserSchema } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const updateProfile = authedProcedure
  .meta({ errors: [], openapi: { method: 'PATCH', path: '/auth/me', tags: ['auth'], summary: 'Change your display name' } })
  .input(z.object({ name: z.string().trim().min(1).max(120) }))
  .output(PublicUserSchema)
  .mutation(({ ctx, input }) => updateProfileUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
