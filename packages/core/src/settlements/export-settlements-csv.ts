import { schema } from '@fareway/db';
import { AppError, currencyExponent } from '@fareway/domain';
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type SettlementRow, settlementLinesOf } from './public-settlement';

const HEADER = [
  'settlement_id',
  'period',
  'partner_type',
  'partner_id',
  'status',
  'payout_reference',
  'booking_id',
  'currency',
  'gross',
  'commission',
  'fees',
  'refunds',
  'net',
];

/** Minor units as an exact decimal string in major units (12345 LKR → "123.45"; no floating point on the way). */
export function majorUnits(amountMinor: number, currency: string): string {
  const digits = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const text = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** RFC 4180: quote a field with a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
function field(value: string): string {
  const safe = /^[=+@\t\r]/.test(value) || (/^-/.test(value) && !/^-\d/.test(value)) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * `GET /admin/settlements.csv?period=YYYY-MM` and `GET /admin/settlements/{id}.csv`:
 * one header row, then one row per statement line (a booking), amounts in major
 * units beside their currency.
 */
export async function exportSettlementsCsv(deps: Pick<Deps, 'db'>, input: { period: string } | { id: string }): Promise<string> {
  const s = schema.settlements;
  const rows: SettlementRow[] =
    'id' in input
      ? await deps.db.select().from(s).where(eq(s.id, input.id))
      : await deps.db.select().from(s).where(eq(s.period, input.period)).orderBy(asc(s.partnerAccount), asc(s.currency));
  if ('id' in input && rows.length === 0) throw new AppError('SETTLEMENT_NOT_FOUND', 'No such settlement');
  const lines = await settlementLinesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  const out = [HEADER.join(',')];
  for (const row of rows) {
    const partner = row.partnerUserId ? ['user', row.partnerUserId] : ['organization', row.partnerOrganizationId ?? ''];
    for (const line of lines.get(row.id) ?? []) {
      const money = [line.grossMinor, line.commissionMinor, line.feesMinor, line.refundsMinor, line.netMinor].map((m) =>
        majorUnits(m, row.currency),
      );
      out.push(
        [row.id, row.period, ...partner, row.status, row.payoutReference ?? '', line.bookingId, row.currency, ...money]
          .map(field)
          .join(','),
      );
    }
  }
  return `${out.join('\r\n')}\r\n`;
}
