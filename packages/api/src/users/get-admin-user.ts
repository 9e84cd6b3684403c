import { getAdminUser as getAdminUserUseCase } from '@fareway/core';
import { z } from 'zod';
import { AdminBookingRowSchema } from '../back-office/back-office-schemas';
import { PublicUserSchema } from '../identity-schemas';
import { adminProcedure } from '../trpc';

const Iso = z.iso.datetime({ offset: true });

export const getAdminUser = adminProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/admin/users/{userId}',
      tags: ['admin'],
      summary: 'One user with roles, organisation memberships, live sessions and latest bookings (admin)',
    },
  })
  .input(z.object({ userId: z.uuid() }))
  .output(
    z.object({
      user: PublicUserSchema,
      memberships: z.array(
        z.object({
          organizationId: z.uuid(),
          name: z.string(),
          status: z.enum(['pending', 'approved', 'suspended']),
          role: z.enum(['owner', 'staff']),
        }),
      ),
      sessions: z.array(z.object({ createdAt: Iso, expiresAt: Iso, ip: z.string().nullable(), userAgent: z.string().nullable() })),
      bookings: z.object({ items: z.array(AdminBookingRowSchema), total: z.number().int() }),
    }),
  )
  .query(({ ctx, input }) => getAdminUserUseCase(ctx.deps, input));
