import { exportSettlementsCsv, listSettlements, loadSettlement, reviewSettlement } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure } from '../trpc';
import { Period, SettlementFilters, SettlementPage, SettlementWithLinesSchema } from './settlement-schemas';

export const listAllSettlements = adminProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/admin/settlements',
      tags: ['admin'],
      summary: 'Every partner’s statements, by period, status and partner (admin); CSV at /admin/settlements.csv?period=YYYY-MM',
    },
  })
  .input(
    SettlementFilters.extend({
      partnerUserId: z.uuid().optional().describe('A vehicle owner’s statements'),
      organizationId: z.uuid().optional().describe('An operator’s statements'),
    }),
  )
  .output(SettlementPage)
  .query(({ ctx, input }) => listSettlements(ctx.deps, null, input));

export const getAnySettlement = adminProcedure
  .meta({
    errors: ['SETTLEMENT_NOT_FOUND'],
    openapi: {
      method: 'GET',
      path: '/admin/settlements/{id}',
      tags: ['admin'],
      summary: 'One statement with its lines (admin); CSV at /admin/settlements/{id}/csv',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(SettlementWithLinesSchema)
  .query(({ ctx, input }) => loadSettlement(ctx.deps.db, input.id, null));

export const approveSettlement = adminProcedure
  .meta({
    errors: ['SETTLEMENT_NOT_FOUND', 'SETTLEMENT_ALREADY_APPROVED'],
    openapi: {
      method: 'POST',
      path: '/admin/settlements/{id}/approve',
      tags: ['admin'],
      summary: 'Approve a draft statement; posts the partner payable → payouts journal (admin)',
    },
  })
  .input(z.object({ id: z.uuid() }))
  .output(SettlementWithLinesSchema)
  .mutation(({ ctx, input }) => reviewSettlement(ctx.deps, ctx.actor, { id: input.id, action: 'approve' }, originOf(ctx)));

export const markSettlementPaid = adminProcedure
  .meta({
    errors: ['SETTLEMENT_NOT_FOUND', 'SETTLEMENT_ALREADY_PAID', 'SETTLEMENT_NOT_APPROVED'],
    openapi: {
      method: 'POST',
      path: '/admin/settlements/{id}/mark-paid',
      tags: ['admin'],
      summary: 'Record the payout of an approved statement with its bank reference; twice is 409 SETTLEMENT_ALREADY_PAID (admin)',
    },
  })
  .input(z.object({ id: z.uuid(), payoutReference: z.string().trim().min(1).max(200) }))
  .output(SettlementWithLinesSchema)
  .mutation(({ ctx, input }) =>
    reviewSettlement(ctx.deps, ctx.actor, { id: input.id, action: 'mark_paid', payoutReference: input.payoutReference }, originOf(ctx)),
  );

/**
 * The CSV export (admin): a period's statements, or one statement, one row per
 * line. tRPC only — REST serves it as text/csv from apps/server
 * (`GET /api/v1/admin/settlements.csv?period=`, `/admin/settlements/{id}/csv`),
 * calling this procedure so the admin check is the same one.
 */
export const exportSettlements = adminProcedure
  .input(z.union([z.object({ period: Period }), z.object({ id: z.uuid() })]))
  .output(z.object({ filename: z.string(), csv: z.string() }))
  .query(async ({ ctx, input }) => ({
    filename: 'period' in input ? `settlements-${input.period}.csv` : `settlement-${input.id}.csv`,
    csv: await exportSettlementsCsv(ctx.deps, input),
  }));
