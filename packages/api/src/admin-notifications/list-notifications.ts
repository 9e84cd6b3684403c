import { listNotifications as listNotificationsUseCase } from '@fareway/core';
import { NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES } from '@fareway/db/schema';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';
import { adminProcedure } from '../trpc';

const Iso = z.iso.datetime({ offset: true });

export const listNotifications = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/notifications',
      tags: ['admin'],
      summary: 'The email and SMS outbox newest first, with delivery attempts; sign-in codes masked in production (admin)',
    },
  })
  .input(PageInput.extend({ status: z.enum(NOTIFICATION_STATUSES).optional(), channel: z.enum(NOTIFICATION_CHANNELS).optional() }))
  .output(
    z.object({
      items: z.array(
        z.object({
          id: z.uuid(),
          channel: z.enum(NOTIFICATION_CHANNELS),
          recipient: z.string(),
          userId: z.uuid().nullable(),
          kind: z.string(),
          locale: z.string(),
          subject: z.string().nullable(),
          body: z.string(),
          masked: z.boolean().describe('The body holds a secret and is hidden (production)'),
          status: z.enum(NOTIFICATION_STATUSES),
          provider: z.string().nullable(),
          attempts: z.array(
            z.object({
              attempt: z.number().int(),
              startedAt: Iso,
              finishedAt: Iso.nullable(),
              outcome: z.string().nullable(),
              provider: z.string().nullable(),
              error: z.string().nullable(),
            }),
          ),
          lastError: z.string().nullable(),
          nextAttemptAt: Iso,
          createdAt: Iso,
          sentAt: Iso.nullable(),
        }),
      ),
      meta: PageMeta,
    }),
  )
  .query(({ ctx, input }) => listNotificationsUseCase(ctx.deps, input));
