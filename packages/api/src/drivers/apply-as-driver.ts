import { applyAsDriver as applyAsDriverUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { DateInput } from '../input-rules';
import { authedProcedure } from '../trpc';
import { DriverApplicationSchema } from './driver-schemas';

export const applyAsDriver = authedProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/drivers/applications',
      tags: ['drivers'],
      summary: 'Apply to become a driver; upload the documents first with POST /files?purpose=driver_document',
    },
  })
  .input(
    z.object({
      fullName: z.string().trim().min(2).max(120),
      nationalId: z.string().trim().min(5).max(32),
      licenceNumber: z.string().trim().min(3).max(32),
      licenceExpiry: DateInput.describe('YYYY-MM-DD; must be after today'),
      documents: z
        .array(z.object({ kind: z.enum(['licence_front', 'licence_back', 'national_id', 'other']), fileId: z.uuid() }))
        .min(1)
        .max(10),
    }),
  )
  .output(DriverApplicationSchema)
  .mutation(({ ctx, input }) => applyAsDriverUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
