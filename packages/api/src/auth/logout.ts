import { logOut } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const logout = authedProcedure
  .meta({ errors: [], openapi: { method: 'POST', path: '/auth/logout', tags: ['auth'], summary: 'End this session now' } })
  .input(z.object({}).optional())
  .output(z.object({ revoked: z.number().int() }))
  .mutation(async ({ ctx }) => {
    const result = await logOut(ctx.deps, ctx.actor, originOf(ctx));
    ctx.clearSessionCookie();
    return result;
  });
