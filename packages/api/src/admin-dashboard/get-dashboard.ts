import { getDashboard as getDashboardUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';

const Money = z.object({
  currency: z.string().length(3),
  capturedMinor: z.number().int(),
  refundedMinor: z.number().int(),
  netMinor: z.number().int().describe('captured − refunded'),
});
const count = z.number().int().nonnegative();

export const DashboardSchema = z.object({
  generatedAt: z.iso.datetime({ offset: true }).describe('When these figures were computed (they are cached for up to 30 s)'),
  bookings: z
    .object({ today: count, last7Days: count, last30Days: count })
    .describe('Paid bookings by when they were made (UTC days, today included)'),
  revenue: z.array(Money).describe('Booking money of the last 30 days per currency'),
  liveHolds: count,
  conversion: z.object({ settledHolds: count, paid: count, rate: z.number().min(0).max(1).nullable() }),
  failedPayments: count.describe('Payments failed in the last 7 days'),
  failingJobs: count.describe('Background jobs failed or waiting to retry'),
  pendingApprovals: z.object({ drivers: count, vehicles: count, operators: count }),
  days: z.array(z.object({ day: z.iso.date(), bookings: count, revenue: z.array(Money) })).describe('The last 30 UTC days, oldest first'),
});

export const getDashboard = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/dashboard',
      tags: ['admin'],
      summary: 'Bookings, revenue, holds, conversion, failures and pending approvals, with 30 days per day (admin)',
    },
  })
  .input(z.object({}).optional())
  .output(DashboardSchema)
  .query(({ ctx }) => getDashboardUseCase(ctx.deps));
