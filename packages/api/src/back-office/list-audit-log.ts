import { listAuditLog as listAuditLogUseCase } from '@fareway/core';
import { adminProcedure } from '../trpc';
import { AuditFilters, AuditLineSchema, pageOf, rangeOf } from './back-office-schemas';

export const listAuditLog = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/audit',
      tags: ['admin'],
      summary: 'The audit log, newest first, by actor, action, subject and time; before/after as recorded (admin)',
    },
  })
  .input(AuditFilters)
  .output(pageOf(AuditLineSchema))
  .query(({ ctx, input }) => listAuditLogUseCase(ctx.deps, { ...input, ...rangeOf(input) }));
