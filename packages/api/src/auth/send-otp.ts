import { sendOtp as sendOtpUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { publicProcedure } from '../trpc';

export const sendOtp = publicProcedure
  .meta({
    errors: ['OTP_RATE_LIMIT', 'RATE_LIMITED'],
    openapi: { method: 'POST', path: '/auth/send-otp', tags: ['auth'], summary: 'Text a 6-digit sign-in code to a phone' },
  })
  .input(z.object({ phoneNumber: z.string().min(3).max(32) }))
  .output(z.object({ message: z.string(), expiresIn: z.number().int(), retryAfter: z.number().int() }))
  .mutation(({ ctx, input }) => sendOtpUseCase(ctx.deps, input, originOf(ctx)));
