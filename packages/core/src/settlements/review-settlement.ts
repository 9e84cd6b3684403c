import { schema, withTransaction } from '@fareway/db';
import { AppError, type PartnerRef, settlementApprovalPostings, settlementPayoutPostings } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { postJournal } from '../ledger/post-journal';
import { emitPartnerEvents } from '../webhooks/emit-partner-event';
import { loadSettlement, type PublicSettlement, type PublicSettlementLine, type SettlementRow } from './public-settlement';

const partnerOfRow = (row: SettlementRow): PartnerRef =>
  row.partnerUserId ? { userId: row.partnerUserId } : { organizationId: row.partnerOrganizationId ?? '' };

/**
 * Admin: `draft → approved` (posts `settlement_approval`: the month's net moves
 * from the partner's running payable to "approved payouts") or `approved → paid`
 * with the payout's reference (posts `settlement_payout`). One transaction each,
 * under the statement's row lock: the status check and the journal's unique
 * (kind, reference) both stand between a double click and a double payout.
 * Audited.
 */
export async function reviewSettlement(
  deps: Pick<Deps, 'db' | 'clock'>,
  actor: Actor,
  input: { id: string; action: 'approve' } | { id: string; action: 'mark_paid'; payoutReference: string },
  origin: RequestOrigin,
): Promise<PublicSettlement & { lines: PublicSettlementLine[] }> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const s = schema.settlements;
    const [row] = await tx.select().from(s).where(eq(s.id, input.id)).for('update');
    if (!row) throw new AppError('SETTLEMENT_NOT_FOUND', 'No such settlement');
    const partner = partnerOfRow(row);
    if (input.action === 'approve') {
      if (row.status !== 'draft') throw new AppError('SETTLEMENT_ALREADY_APPROVED', `The settlement is already ${row.status}`);
      await tx.update(s).set({ status: 'approved', approvedAt: now, approvedBy: actor.userId, updatedAt: now }).where(eq(s.id, row.id));
      const lines = settlementApprovalPostings({ partner, netMinor: row.netMinor });
      if (lines) await postJournal(tx, { kind: 'settlement_approval', reference: row.id, currency: row.currency, lines, at: now });
    } else {
      // Money: a payout is recorded once; a second "mark paid" is refused, not repeated.
      if (row.status === 'paid') throw new AppError('SETTLEMENT_ALREADY_PAID', `The settlement was paid (${row.payoutReference})`);
      if (row.status !== 'approved') throw new AppError('SETTLEMENT_NOT_APPROVED', 'Approve the settlement before marking it paid');
      await tx
        .update(s)
        .set({ status: 'paid', paidAt: now, paidBy: actor.userId, payoutReference: input.payoutReference, updatedAt: now })
        .where(eq(s.id, row.id));
      const lines = settlementPayoutPostings({ partner, netMinor: row.netMinor });
      if (lines) await postJournal(tx, { kind: 'settlement_payout', reference: row.id, currency: row.currency, lines, at: now });
    }
    const status = input.action === 'approve' ? 'approved' : 'paid';
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: `settlement.${status}`,
      subjectType: 'settlement',
      subjectId: row.id,
      before: { status: row.status },
      after: {
        status,
        netMinor: row.netMinor,
        currency: row.currency,
        ...('payoutReference' in input ? { payoutReference: input.payoutReference } : {}),
      },
    });
    const settled = await loadSettlement(tx, row.id, null);
    const { lines: _lines, ...summary } = settled;
    // The operator's systems hear of it (a driver's statement belongs to no organisation: platform endpoints only).
    await emitPartnerEvents(
      tx,
      [{ type: `settlement.${status}`, organizationId: row.partnerOrganizationId, data: { settlement: summary } }],
      now,
    );
    return settled;
  });
}
