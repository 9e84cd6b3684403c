import { logOut } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const logoutAll = authedProcedure
  .meta({ errors: [], openapi: { method: 'POST', path: '/auth/logout-all', tags: ['auth'], summary: 'End every session of this account' } })
  .input(z.object({}).optional())
  .output(z.object({ revoked: z.number().int() }))
  .mutation(async ({ ctx }) => {
    const result = await logOut(ctx.deps, ctx.actor, originOf(ctx), { everywhere: true });
    ctx.clearSessionCookie();
    return result;
  });
