import { SETTLEMENT_STATUSES } from '@fareway/db/schema';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';

const Iso = z.iso.datetime({ offset: true });
const minor = z.number().int();

export const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'expected a month as YYYY-MM' });

export const SettlementSchema = z.object({
  id: z.uuid(),
  period: z.string().describe('YYYY-MM, a month in UTC'),
  partner: z.object({ type: z.enum(['user', 'organization']), id: z.uuid(), name: z.string().nullable() }),
  currency: z.string().length(3),
  status: z.enum(SETTLEMENT_STATUSES),
  grossMinor: minor.describe('What customers paid for the month’s sales'),
  commissionMinor: minor.describe('Platform commission, net of what refunds took back'),
  feesMinor: minor.describe('Gateway fees on the sales'),
  refundsMinor: minor.describe('What went back to customers in the month'),
  netMinor: minor.describe('gross − commission − fees − refunds: what the platform owes the partner (negative: what the partner owes)'),
  lineCount: z.number().int(),
  approvedAt: Iso.nullable(),
  paidAt: Iso.nullable(),
  payoutReference: z.string().nullable(),
  createdAt: Iso,
  updatedAt: Iso,
});

export const SettlementWithLinesSchema = SettlementSchema.extend({
  lines: z.array(
    z.object({
      bookingId: z.uuid(),
      grossMinor: minor,
      commissionMinor: minor,
      feesMinor: minor,
      refundsMinor: minor,
      netMinor: minor,
    }),
  ),
});

export const SettlementFilters = PageInput.extend({ period: Period.optional(), status: z.enum(SETTLEMENT_STATUSES).optional() });
export const SettlementPage = z.object({ items: z.array(SettlementSchema), meta: PageMeta });
