import { getSystemStatus } from '@fareway/core';
import { z } from 'zod';
import { adminProcedure } from '../trpc';

export const SystemStatusOutput = z.object({
  version: z.string(),
  environment: z.string(),
  time: z.iso.datetime({ offset: true }),
  database: z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), serverVersion: z.string().nullable() }),
  migrations: z.object({ applied: z.string().nullable(), expected: z.string().nullable(), current: z.boolean() }),
  worker: z.object({ lastSeenAt: z.iso.datetime({ offset: true }).nullable(), alive: z.boolean() }),
});

export const getFullStatus = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/system/status',
      tags: ['system'],
      summary: 'Version, environment, database, migration level and worker liveness (admins)',
    },
  })
  .input(z.void())
  .output(SystemStatusOutput)
  .query(({ ctx }) => getSystemStatus(ctx.deps));
