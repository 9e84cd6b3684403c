import { verifyOtp as verifyOtpUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf, SignedInSchema } from '../identity-schemas';
import { publicProcedure } from '../trpc';

export const verifyOtp = publicProcedure
  .meta({
    errors: ['OTP_INVALID', 'OTP_EXPIRED', 'ACCOUNT_SUSPENDED', 'OTP_RATE_LIMIT', 'RATE_LIMITED'],
    openapi: {
      method: 'POST',
      path: '/auth/verify-otp',
      tags: ['auth'],
      summary: 'Sign in with the code; the first sign-in creates the account',
    },
  })
  .input(z.object({ phoneNumber: z.string().min(3).max(32), code: z.string().min(1).max(12) }))
  .output(SignedInSchema)
  .mutation(async ({ ctx, input }) => {
    const signedIn = await verifyOtpUseCase(ctx.deps, input, originOf(ctx));
    ctx.setSessionCookie(signedIn.token, new Date(signedIn.expiresAt));
    return signedIn;
  });
