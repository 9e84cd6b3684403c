import { assertMinor } from '../money/money';
import type { GatewayProvider } from './gateway-fees';

/**
 * The postings of every money movement, decided here and posted as ONE journal
 * each by core/ledger. Signs: debits positive, credits negative; a journal's
 * lines sum to zero. A = amount, F = gateway fee, C = commission, R = refund,
 * Rc = the commission's share of R (pro rata, cumulative rounding — see refundSplit).
 *
 * | journal          | when                                   | lines                                                                                     |
 * |------------------|----------------------------------------|-------------------------------------------------------------------------------------------|
 * | capture          | a gateway captured a booking's payment | Dr gateway_clearing:<gw> A−F · Dr gateway_fees:<gw> F · Cr platform_revenue C (commission) |
 * |                  |                                        | · Cr platform_revenue F (fee_recharge) · Cr partner_payable:<p> A−C−F                      |
 * | orphan_capture   | captured, but the booking is gone      | Dr gateway_clearing:<gw> A−F · Dr gateway_fees:<gw> F · Cr refunds_payable A               |
 * | top_up           | a gateway captured a wallet top-up     | Dr gateway_clearing:<gw> A−F · Dr gateway_fees:<gw> F · Cr customer_wallet:<u> A           |
 * | wallet_payment   | a booking paid from the wallet         | Dr customer_wallet:<u> A · Cr platform_revenue C · Cr partner_payable:<p> A−C              |
 * | refund           | a cancellation refund executed         | Dr platform_revenue Rc · Dr partner_payable:<p> R−Rc · Cr gateway_clearing:<gw> R          |
 * |                  |                                        |   (or Cr customer_wallet:<u> R when refunded to the wallet)                               |
 * | refund (orphan)  | an orphaned capture refunded           | Dr refunds_payable R · Cr gateway_clearing:<gw> R (or Cr customer_wallet:<u> R)            |
 *
 * Who bears what (DESIGN.md §5, payable = captured − refunds − commission − fees):
 * - the partner bears the gateway fee on a sale (the platform recharges it as revenue,
 *   so the platform's net from a sale is exactly C); gateways keep their fee on a
 *   refund, so a refund never returns F;
 * - the platform bears the fee on top-ups and on orphaned captures (no partner sold anything);
 * - a refund takes back commission and partner share in proportion to the sale.
 */
export type AccountKind = 'asset' | 'liability' | 'revenue' | 'expense';

export interface LedgerAccountRef {
  code: string;
  kind: AccountKind;
}

/** Who is owed the partner share: the vehicle's owner, or the trip's operator organisation. */
export type PartnerRef = { userId: string } | { organizationId: string };

export const ledgerAccounts = {
  /** What the platform owes a customer (money sitting in their wallet): a liability. */
  customerWallet: (userId: string): LedgerAccountRef => ({ code: `customer_wallet:${userId}`, kind: 'liability' }),
  /** Money a gateway holds for us until it pays out: an asset. */
  gatewayClearing: (provider: GatewayProvider): LedgerAccountRef => ({ code: `gateway_clearing:${provider}`, kind: 'asset' }),
  gatewayFees: (provider: GatewayProvider): LedgerAccountRef => ({ code: `gateway_fees:${provider}`, kind: 'expense' }),
  platformRevenue: { code: 'platform_revenue', kind: 'revenue' } as LedgerAccountRef,
  partnerPayable: (partner: PartnerRef): LedgerAccountRef => ({
    code: 'userId' in partner ? `partner_payable:user:${partner.userId}` : `partner_payable:org:${partner.organizationId}`,
    kind: 'liability',
  }),
  /** Captured money that must go back (an orphaned capture) until its refund executes. */
  refundsPayable: { code: 'refunds_payable', kind: 'liability' } as LedgerAccountRef,
} as const;

export interface PostingLine {
  account: LedgerAccountRef;
  /** Signed: debit positive, credit negative. */
  amountMinor: number;
  lineKind: string;
}

const dr = (account: LedgerAccountRef, amountMinor: number, lineKind: string): PostingLine => ({ account, amountMinor, lineKind });
const cr = (account: LedgerAccountRef, amountMinor: number, lineKind: string): PostingLine => ({
  account,
  amountMinor: -amountMinor,
  lineKind,
});

/** Drops zero lines and refuses a set that does not balance (a bug here must never reach the database). */
export function balanced(lines: PostingLine[]): PostingLine[] {
  let sum = 0;
  for (const line of lines) {
    assertMinor(line.amountMinor);
    sum += line.amountMinor;
  }
  if (sum !== 0) throw new Error(`postings do not balance: off by ${sum}`);
  const kept = lines.filter((line) => line.amountMinor !== 0);
  if (kept.length === 0) throw new Error('a journal needs at least one non-zero line');
  return kept;
}

function assertParts(amountMinor: number, ...parts: number[]): void {
  assertMinor(amountMinor);
  if (amountMinor <= 0) throw new RangeError(`amount must be positive, got ${amountMinor}`);
  for (const part of parts) {
    assertMinor(part);
    if (part < 0 || part > amountMinor) throw new RangeError(`part ${part} outside 0..${amountMinor}`);
  }
}

/** The money in from a gateway: net to clearing, the fee to its expense account. */
function gatewayIn(provider: GatewayProvider, amountMinor: number, feeMinor: number): PostingLine[] {
  return [
    dr(ledgerAccounts.gatewayClearing(provider), amountMinor - feeMinor, 'gateway_net'),
    dr(ledgerAccounts.gatewayFees(provider), feeMinor, 'gateway_fee'),
  ];
}

export function capturePostings(input: {
  provider: GatewayProvider;
  amountMinor: number;
  feeMinor: number;
  commissionMinor: number;
  partner: PartnerRef;
}): PostingLine[] {
  const { amountMinor: a, feeMinor: f, commissionMinor: c } = input;
  assertParts(a, f, c);
  return balanced([
    ...gatewayIn(input.provider, a, f),
    cr(ledgerAccounts.platformRevenue, c, 'commission'),
    cr(ledgerAccounts.platformRevenue, f, 'fee_recharge'),
    // May go below zero on a tiny sale with a large fee: the partner then owes the difference.
    cr(ledgerAccounts.partnerPayable(input.partner), a - c - f, 'partner_share'),
  ]);
}

export function orphanCapturePostings(input: { provider: GatewayProvider; amountMinor: number; feeMinor: number }): PostingLine[] {
  assertParts(input.amountMinor, input.feeMinor);
  return balanced([
    ...gatewayIn(input.provider, input.amountMinor, input.feeMinor),
    cr(ledgerAccounts.refundsPayable, input.amountMinor, 'orphaned_capture'),
  ]);
}

export function topUpPostings(input: {
  provider: GatewayProvider;
  amountMinor: number;
  feeMinor: number;
  customerId: string;
}): PostingLine[] {
  assertParts(input.amountMinor, input.feeMinor);
  return balanced([
    ...gatewayIn(input.provider, input.amountMinor, input.feeMinor),
    cr(ledgerAccounts.customerWallet(input.customerId), input.amountMinor, 'wallet_credit'),
  ]);
}

export function walletPaymentPostings(input: {
  amountMinor: number;
  commissionMinor: number;
  customerId: string;
  partner: PartnerRef;
}): PostingLine[] {
  assertParts(input.amountMinor, input.commissionMinor);
  return balanced([
    dr(ledgerAccounts.customerWallet(input.customerId), input.amountMinor, 'wallet_debit'),
    cr(ledgerAccounts.platformRevenue, input.commissionMinor, 'commission'),
    cr(ledgerAccounts.partnerPayable(input.partner), input.amountMinor - input.commissionMinor, 'partner_share'),
  ]);
}

/**
 * The commission's share of a refund. Rounding rule: half up, applied to the
 * cumulative refunded amount (share(before + R) − share(before)), so however a
 * payment is refunded in parts the commission taken back never exceeds C and a
 * full refund takes back exactly C.
 */
export function refundSplit(input: { refundMinor: number; alreadyRefundedMinor: number; paidMinor: number; commissionMinor: number }): {
  commissionMinor: number;
  partnerMinor: number;
} {
  const { refundMinor: r, alreadyRefundedMinor: before, paidMinor: a, commissionMinor: c } = input;
  for (const v of [r, before, a, c]) assertMinor(v);
  if (r <= 0 || before < 0 || before + r > a || c < 0 || c > a) throw new RangeError('refund split out of range');
  const share = (refunded: number) => Number((BigInt(refunded) * BigInt(c) * 2n + BigInt(a)) / (2n * BigInt(a)));
  const commissionMinor = share(before + r) - share(before);
  return { commissionMinor, partnerMinor: r - commissionMinor };
}

export type RefundDestination = { kind: 'gateway'; provider: GatewayProvider } | { kind: 'wallet'; customerId: string };

export type RefundSource =
  /** A cancelled sale: taken back from revenue and the partner (see refundSplit). */
  | { kind: 'sale'; commissionMinor: number; partner: PartnerRef }
  /** An orphaned capture: it sat in refunds_payable. */
  | { kind: 'orphan' };

export function refundPostings(input: { amountMinor: number; source: RefundSource; destination: RefundDestination }): PostingLine[] {
  const r = input.amountMinor;
  assertParts(r);
  const from =
    input.source.kind === 'orphan'
      ? [dr(ledgerAccounts.refundsPayable, r, 'orphan_refund')]
      : [
          dr(ledgerAccounts.platformRevenue, input.source.commissionMinor, 'commission_reversal'),
          dr(ledgerAccounts.partnerPayable(input.source.partner), r - input.source.commissionMinor, 'partner_reversal'),
        ];
  const to =
    input.destination.kind === 'gateway'
      ? cr(ledgerAccounts.gatewayClearing(input.destination.provider), r, 'refund_out')
      : cr(ledgerAccounts.customerWallet(input.destination.customerId), r, 'wallet_credit');
  return balanced([...from, to]);
}
