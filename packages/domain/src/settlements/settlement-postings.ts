import { assertMinor } from '../money/money';
import { balanced, type LedgerAccountRef, ledgerAccounts, type PartnerRef, type PostingLine } from '../payments/ledger-postings';

/**
 * The two journals of a partner statement (N = its net payable; signs as in
 * ledger-postings: debits positive):
 *
 * | journal               | when                     | lines                                                     |
 * |-----------------------|--------------------------|-----------------------------------------------------------|
 * | settlement_approval   | an admin approves it     | Dr partner_payable:<p> N · Cr partner_payouts:<p> N        |
 * | settlement_payout     | an admin marks it paid   | Dr partner_payouts:<p> N · Cr payouts_bank N               |
 *
 * Approval moves the month's earnings out of the running payable into "approved,
 * to be paid out"; the payout takes it out of the bank account payouts leave from.
 * A negative N (refunds of earlier months outweigh this month's sales) posts the
 * same lines with the signs turned: the partner owes the platform.
 */
export const settlementAccounts = {
  partnerPayouts: (partner: PartnerRef): LedgerAccountRef => ({
    code: 'userId' in partner ? `partner_payouts:user:${partner.userId}` : `partner_payouts:org:${partner.organizationId}`,
    kind: 'liability',
  }),
  /** The platform's bank account partner payouts leave from: an asset. */
  payoutsBank: { code: 'payouts_bank', kind: 'asset' } as LedgerAccountRef,
} as const;

/** The lines, or null when there is nothing to move (a statement netting to zero posts no journal). */
export function settlementApprovalPostings(input: { partner: PartnerRef; netMinor: number }): PostingLine[] | null {
  assertMinor(input.netMinor);
  if (input.netMinor === 0) return null;
  return balanced([
    { account: ledgerAccounts.partnerPayable(input.partner), amountMinor: input.netMinor, lineKind: 'settlement_approved' },
    { account: settlementAccounts.partnerPayouts(input.partner), amountMinor: -input.netMinor, lineKind: 'settlement_approved' },
  ]);
}

export function settlementPayoutPostings(input: { partner: PartnerRef; netMinor: number }): PostingLine[] | null {
  assertMinor(input.netMinor);
  if (input.netMinor === 0) return null;
  return balanced([
    { account: settlementAccounts.partnerPayouts(input.partner), amountMinor: input.netMinor, lineKind: 'payout' },
    { account: settlementAccounts.payoutsBank, amountMinor: -input.netMinor, lineKind: 'payout' },
  ]);
}

/** The partner a payable account code names (`partner_payable:user:<id>` / `partner_payable:org:<id>`), or null. */
export function partnerOfAccount(code: string): PartnerRef | null {
  const match = /^partner_payable:(user|org):([0-9a-f-]{36})$/.exec(code);
  if (!match?.[2]) return null;
  return match[1] === 'user' ? { userId: match[2] } : { organizationId: match[2] };
}
