import { updateProfile as updateProfileUseCase } from '@fareway/core';
import { NOTIFICATION_LOCALES } from '@fareway/domain';
import { z } from 'zod';
import { originOf, PublicUserSchema } from '../identity-schemas';
import { authedProcedure } from '../trpc';

export const UpdateProfileInput = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    locale: z.enum(NOTIFICATION_LOCALES).optional(),
    email: z.email({ message: 'expected an email address' }).max(254).nullable().optional(),
  })
  .refine((v) => v.name !== undefined || v.locale !== undefined || v.email !== undefined, {
    message: 'nothing to change: send name, locale or email',
  });

export const updateProfile = authedProcedure
  .meta({
    errors: ['EMAIL_IN_USE'],
    openapi: {
      method: 'PATCH',
      path: '/auth/me',
      tags: ['auth'],
      summary: 'Change your display name, the language of your notices (en, si, ta) or the email they go to',
    },
  })
  .input(UpdateProfileInput)
  .output(PublicUserSchema)
  .mutation(({ ctx, input }) => updateProfileUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
