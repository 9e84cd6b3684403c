import { loginWithPassword } from '@fareway/core';
import { z } from 'zod';
import { originOf, SignedInSchema } from '../identity-schemas';
import { publicProcedure } from '../trpc';

export const login = publicProcedure
  .meta({
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_SUSPENDED', 'RATE_LIMITED'],
    openapi: { method: 'POST', path: '/auth/login', tags: ['auth'], summary: 'Sign in with email and password (admins, operator staff)' },
  })
  .input(z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) }))
  .output(SignedInSchema)
  .mutation(async ({ ctx, input }) => {
    const signedIn = await loginWithPassword(ctx.deps, input, originOf(ctx));
    ctx.setSessionCookie(signedIn.token, new Date(signedIn.expiresAt));
    return signedIn;
  });
