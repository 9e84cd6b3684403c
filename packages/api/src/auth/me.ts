import { getMe } from '@fareway/core';
import { z } from 'zod';
import { PublicUserSchema } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const me = authedProcedure
  .meta({ errors: [], openapi: { method: 'GET', path: '/auth/me', tags: ['auth'], summary: 'The signed-in user' } })
  .input(z.void())
  .output(PublicUserSchema)
  .query(({ ctx }) => getMe(ctx.deps, ctx.actor));
