import { registerWithEmail } from '@fareway/core';
import { z } from 'zod';
import { originOf, SignedInSchema } from '../identity-schemas';
import { publicProcedure } from '../trpc';

/** Seed 003's RegisterSchema: an email, a password of at least 8 characters, and a name. */
export const RegisterInput = z.object({
  email: z.email({ message: 'expected an email address' }).max(254),
  password: z.string().min(8, 'Use at least 8 characters').max(1024),
  name: z.string().trim().min(1).max(100),
  locale: z.enum(['en', 'si', 'ta']).optional(),
});

export const register = publicProcedure
  .meta({
    errors: ['EMAIL_IN_USE', 'RATE_LIMITED'],
    openapi: {
      method: 'POST',
      path: '/auth/register',
      tags: ['auth'],
      summary: 'Create a customer account that signs in with email and password (beside phone OTP); signed in at once',
    },
  })
  .input(RegisterInput)
  .output(SignedInSchema)
  .mutation(async ({ ctx, input }) => {
    const signedIn = await registerWithEmail(ctx.deps, input, originOf(ctx));
    ctx.setSessionCookie(signedIn.token, new Date(signedIn.expiresAt));
    return signedIn;
  });
