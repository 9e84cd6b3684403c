import { listJobs as listJobsUseCase } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';

const Iso = z.iso.datetime({ offset: true });
const count = z.number().int();

export const JobQueueSchema = z.object({
  name: z.string(),
  schedule: z.object({ cron: z.string(), timezone: z.string() }).nullable(),
  counts: z.object({ created: count, retry: count, active: count, completed: count, cancelled: count, failed: count }),
  lastRuns: z.array(
    z.object({
      id: z.uuid(),
      state: z.string(),
      attempts: count,
      createdAt: Iso,
      startedAt: Iso.nullable(),
      finishedAt: Iso.nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});

export const listJobs = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/jobs',
      tags: ['admin'],
      summary: 'Every job queue with its schedule, its jobs counted by state and its last runs (admin)',
    },
  })
  .input(z.object({}).optional())
  .output(z.object({ queues: z.array(JobQueueSchema) }))
  .query(({ ctx }) => listJobsUseCase(ctx.deps));
