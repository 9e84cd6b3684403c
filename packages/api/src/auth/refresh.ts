import { refreshSession } from '@fareway/core';
import { z } from 'zod';
import { originOf, SignedInSchema } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const refresh = authedProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'POST',
      path: '/auth/refresh',
      tags: ['auth'],
      summary: 'Rotate the session token',
      description: 'Answers a new `{ token, expiresAt, user }` like verify-otp; the token you called with is revoked at once.',
    },
  })
  .input(z.object({}).optional())
  .output(SignedInSchema)
  .mutation(async ({ ctx }) => {
    const signedIn = await refreshSession(ctx.deps, ctx.actor, originOf(ctx));
    if (ctx.credentials?.via === 'cookie') ctx.setSessionCookie(signedIn.token, new Date(signedIn.expiresAt));
    return signedIn;
  });
