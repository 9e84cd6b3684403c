import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_FEE_RATES, gatewayFeeMinor } from './gateway-fees';
import {
  balanced,
  capturePostings,
  orphanCapturePostings,
  type PostingLine,
  refundPostings,
  refundSplit,
  topUpPostings,
  walletPaymentPostings,
} from './ledger-postings';
import {
  decidePaymentTransition,
  isActivePayment,
  isCapturedPayment,
  PAYMENT_STATUSES,
  type PaymentEvent,
  type PaymentStatus,
  statusAfterRefunds,
} from './payment-states';

describe('payment state machine', () => {
  it.each<[PaymentStatus, PaymentEvent, PaymentStatus, boolean, boolean]>([
    // from, event, to, applied, capture
    ['initiated', 'checkout_created', 'pending', true, false],
    ['pending', 'checkout_created', 'pending', false, false],
    ['failed', 'checkout_created', 'failed', false, false],
    ['initiated', 'gateway_pending', 'pending', true, false],
    ['pending', 'gateway_pending', 'pending', false, false],
    ['completed', 'gateway_pending', 'completed', false, false],
    ['initiated', 'gateway_succeeded', 'completed', true, true],
    ['pending', 'gateway_succeeded', 'completed', true, true],
    // A success after a failure wins: the money was taken, it must be recorded.
    ['failed', 'gateway_succeeded', 'completed', true, true],
    // Duplicates and late events change nothing.
    ['completed', 'gateway_succeeded', 'completed', false, false],
    ['partially_refunded', 'gateway_succeeded', 'partially_refunded', false, false],
    ['refunded', 'gateway_succeeded', 'refunded', false, false],
    ['pending', 'gateway_failed', 'failed', true, false],
    ['initiated', 'gateway_failed', 'failed', true, false],
    // Out of order: a failure after the capture never undoes it.
    ['completed', 'gateway_failed', 'completed', false, false],
    ['refunded', 'gateway_failed', 'refunded', false, false],
    ['failed', 'gateway_failed', 'failed', false, false],
    ['pending', 'superseded', 'failed', true, false],
    ['completed', 'superseded', 'completed', false, false],
  ])('%s + %s → %s (applied %s, capture %s)', (from, event, to, apply, capture) => {
    expect(decidePaymentTransition(from, event)).toEqual({ to, apply, capture });
  });

  it.each([
    // captured, refunded so far, status
    [10_000, 0, 'completed'],
    [10_000, 1, 'partially_refunded'],
    [10_000, 9_999, 'partially_refunded'],
    [10_000, 10_000, 'refunded'],
  ])('captured %i, refunded %i → %s', (captured, refunded, status) => {
    expect(statusAfterRefunds(captured, refunded)).toBe(status);
  });
});

describe('gateway fees', () => {
  it.each([
    // amount, basis points, fixed, fee
    [1_000_000, 330, 0, 33_000], // PayHere 3.3 % of LKR 10,000.00
    [1_515, 330, 0, 50], // 49.995 rounds half up
    [1_500, 330, 0, 50], // 49.5 rounds half up
    [1_499, 330, 0, 49],
    [10_000, 290, 30, 320], // Stripe-like 2.9 % + 30
    [10, 0, 30, 10], // never more than the amount
    [0, 330, 0, 0],
    [12_345, 0, 0, 0],
  ])('%i at %i bp + %i → %i', (amount, basisPoints, fixedMinor, fee) => {
    expect(gatewayFeeMinor(amount, { basisPoints, fixedMinor })).toBe(fee);
  });

  it('has documented defaults, free for sandbox and wallet', () => {
    expect(DEFAULT_GATEWAY_FEE_RATES.payhere.basisPoints).toBe(330);
    expect(DEFAULT_GATEWAY_FEE_RATES.sandbox).toEqual({ basisPoints: 0, fixedMinor: 0 });
    expect(DEFAULT_GATEWAY_FEE_RATES.wallet).toEqual({ basisPoints: 0, fixedMinor: 0 });
  });

  it('refuses a rate out of range', () => {
    expect(() => gatewayFeeMinor(100, { basisPoints: 10_001, fixedMinor: 0 })).toThrow(RangeError);
    expect(() => gatewayFeeMinor(100, { basisPoints: -1, fixedMinor: 0 })).toThrow(RangeError);
  });
});

const sum = (lines: PostingLine[]) => lines.reduce((s, l) => s + l.amountMinor, 0);
const byAccount = (lines: PostingLine[]) => {
  const out: Record<string, number> = {};
  for (const l of lines) out[l.account.code] = (out[l.account.code] ?? 0) + l.amountMinor;
  return out;
};
const owner = { userId: 'u-owner' };
const operator = { organizationId: 'o-bus' };

describe('postings: every journal balances, and lands where the table says', () => {
  it.each([
    // amount, fee, commission, partner, expected balances by account
    [
      1_000_000,
      33_000,
      100_000,
      owner,
      {
        'gateway_clearing:payhere': 967_000,
        'gateway_fees:payhere': 33_000,
        platform_revenue: -133_000,
        'partner_payable:user:u-owner': -867_000,
      },
    ],
    [5_000, 0, 500, operator, { 'gateway_clearing:payhere': 5_000, platform_revenue: -500, 'partner_payable:org:o-bus': -4_500 }],
    // A tiny sale with a big fee: the partner ends up owing.
    [
      100,
      95,
      10,
      owner,
      { 'gateway_clearing:payhere': 5, 'gateway_fees:payhere': 95, platform_revenue: -105, 'partner_payable:user:u-owner': 5 },
    ],
  ])('capture of %i (fee %i, commission %i)', (amountMinor, feeMinor, commissionMinor, partner, expected) => {
    const lines = capturePostings({ provider: 'payhere', amountMinor, feeMinor, commissionMinor, partner });
    expect(sum(lines)).toBe(0);
    expect(byAccount(lines)).toEqual(expected);
    expect(lines.every((l) => l.amountMinor !== 0)).toBe(true);
  });

  it.each([
    [
      'orphan',
      orphanCapturePostings({ provider: 'stripe', amountMinor: 10_000, feeMinor: 290 }),
      {
        'gateway_clearing:stripe': 9_710,
        'gateway_fees:stripe': 290,
        refunds_payable: -10_000,
      },
    ],
    [
      'top-up',
      topUpPostings({ provider: 'sandbox', amountMinor: 50_000, feeMinor: 0, customerId: 'c1' }),
      {
        'gateway_clearing:sandbox': 50_000,
        'customer_wallet:c1': -50_000,
      },
    ],
    [
      'wallet payment',
      walletPaymentPostings({ amountMinor: 20_000, commissionMinor: 2_000, customerId: 'c1', partner: owner }),
      {
        'customer_wallet:c1': 20_000,
        platform_revenue: -2_000,
        'partner_payable:user:u-owner': -18_000,
      },
    ],
    [
      'sale refund to the gateway',
      refundPostings({
        amountMinor: 5_000,
        source: { kind: 'sale', commissionMinor: 500, partner: owner },
        destination: { kind: 'gateway', provider: 'payhere' },
      }),
      { platform_revenue: 500, 'partner_payable:user:u-owner': 4_500, 'gateway_clearing:payhere': -5_000 },
    ],
    [
      'sale refund to the wallet',
      refundPostings({
        amountMinor: 5_000,
        source: { kind: 'sale', commissionMinor: 500, partner: operator },
        destination: { kind: 'wallet', customerId: 'c1' },
      }),
      { platform_revenue: 500, 'partner_payable:org:o-bus': 4_500, 'customer_wallet:c1': -5_000 },
    ],
    [
      'orphan refund',
      refundPostings({ amountMinor: 10_000, source: { kind: 'orphan' }, destination: { kind: 'gateway', provider: 'stripe' } }),
      { refunds_payable: 10_000, 'gateway_clearing:stripe': -10_000 },
    ],
  ])('%s', (_name, lines, expected) => {
    expect(sum(lines)).toBe(0);
    expect(byAccount(lines)).toEqual(expected);
  });

  it('an orphaned capture and its refund leave only the fee, borne by the platform', () => {
    const all = [
      ...orphanCapturePostings({ provider: 'stripe', amountMinor: 10_000, feeMinor: 290 }),
      ...refundPostings({ amountMinor: 10_000, source: { kind: 'orphan' }, destination: { kind: 'gateway', provider: 'stripe' } }),
    ];
    expect(byAccount(all)).toEqual({ 'gateway_clearing:stripe': -290, 'gateway_fees:stripe': 290, refunds_payable: 0 });
  });

  it('refuses unbalanced lines and impossible parts', () => {
    expect(() => balanced([{ account: { code: 'x', kind: 'asset' }, amountMinor: 1, lineKind: 'x' }])).toThrow(/balance/);
    expect(() => capturePostings({ provider: 'payhere', amountMinor: 100, feeMinor: 101, commissionMinor: 0, partner: owner })).toThrow(
      RangeError,
    );
    expect(() => walletPaymentPostings({ amountMinor: 0, commissionMinor: 0, customerId: 'c', partner: owner })).toThrow(RangeError);
    expect(() => capturePostings({ provider: 'payhere', amountMinor: 1.5, feeMinor: 0, commissionMinor: 0, partner: owner })).toThrow(
      RangeError,
    );
  });
});

describe('refundSplit (commission taken back pro rata, cumulative half-up rounding)', () => {
  it.each([
    // refund, already refunded, paid, commission, commission share
    [10_000, 0, 10_000, 1_000, 1_000],
    [5_000, 0, 10_000, 1_000, 500],
    [5_000, 5_000, 10_000, 1_000, 500],
    [1, 0, 2, 1, 1], // 0.5 rounds half up
    [1, 1, 2, 1, 0], // …so the second half takes back nothing: never more than C in total
    [3_333, 0, 10_000, 1_000, 333],
    [10_000, 0, 10_000, 0, 0],
  ])('refund %i after %i of %i paid, commission %i → %i', (refundMinor, alreadyRefundedMinor, paidMinor, commissionMinor, share) => {
    const split = refundSplit({ refundMinor, alreadyRefundedMinor, paidMinor, commissionMinor });
    expect(split).toEqual({ commissionMinor: share, partnerMinor: refundMinor - share });
  });

  it('three partial refunds add up to exactly the commission', () => {
    const paid = 10_001;
    const commission = 1_003;
    let before = 0;
    let taken = 0;
    for (const r of [3_334, 3_333, 3_334]) {
      taken += refundSplit({ refundMinor: r, alreadyRefundedMinor: before, paidMinor: paid, commissionMinor: commission }).commissionMinor;
      before += r;
    }
    expect(taken).toBe(commission);
  });

  it('refuses more than was paid', () => {
    expect(() => refundSplit({ refundMinor: 2, alreadyRefundedMinor: 9_999, paidMinor: 10_000, commissionMinor: 10 })).toThrow(RangeError);
  });
});

describe('postings: each line names what it is (settlements and the trial balance read the kinds)', () => {
  const lines = (postings: PostingLine[]) => postings.map((l) => [l.account.code, l.amountMinor, l.lineKind]);

  it.each([
    [
      'capture',
      capturePostings({ provider: 'payhere', amountMinor: 10_000, feeMinor: 330, commissionMinor: 1_000, partner: owner }),
      [
        ['gateway_clearing:payhere', 9_670, 'gateway_net'],
        ['gateway_fees:payhere', 330, 'gateway_fee'],
        ['platform_revenue', -1_000, 'commission'],
        ['platform_revenue', -330, 'fee_recharge'],
        ['partner_payable:user:u-owner', -8_670, 'partner_share'],
      ],
    ],
    [
      'orphaned capture',
      orphanCapturePostings({ provider: 'stripe', amountMinor: 10_000, feeMinor: 290 }),
      [
        ['gateway_clearing:stripe', 9_710, 'gateway_net'],
        ['gateway_fees:stripe', 290, 'gateway_fee'],
        ['refunds_payable', -10_000, 'orphaned_capture'],
      ],
    ],
    [
      'top-up',
      topUpPostings({ provider: 'payhere', amountMinor: 1_000, feeMinor: 33, customerId: 'c1' }),
      [
        ['gateway_clearing:payhere', 967, 'gateway_net'],
        ['gateway_fees:payhere', 33, 'gateway_fee'],
        ['customer_wallet:c1', -1_000, 'wallet_credit'],
      ],
    ],
    [
      'wallet payment',
      walletPaymentPostings({ amountMinor: 1_000, commissionMinor: 100, customerId: 'c1', partner: operator }),
      [
        ['customer_wallet:c1', 1_000, 'wallet_debit'],
        ['platform_revenue', -100, 'commission'],
        ['partner_payable:org:o-bus', -900, 'partner_share'],
      ],
    ],
    [
      'sale refund to the gateway',
      refundPostings({
        amountMinor: 500,
        source: { kind: 'sale', commissionMinor: 50, partner: owner },
        destination: { kind: 'gateway', provider: 'payhere' },
      }),
      [
        ['platform_revenue', 50, 'commission_reversal'],
        ['partner_payable:user:u-owner', 450, 'partner_reversal'],
        ['gateway_clearing:payhere', -500, 'refund_out'],
      ],
    ],
    [
      'orphan refund to the wallet',
      refundPostings({ amountMinor: 500, source: { kind: 'orphan' }, destination: { kind: 'wallet', customerId: 'c1' } }),
      [
        ['refunds_payable', 500, 'orphan_refund'],
        ['customer_wallet:c1', -500, 'wallet_credit'],
      ],
    ],
  ])('%s', (_name, postings, expected) => {
    expect(lines(postings)).toEqual(expected);
  });
});

describe('postings and fees: the edges of what is allowed', () => {
  const capture = (amountMinor: number, feeMinor: number, commissionMinor: number) =>
    capturePostings({ provider: 'payhere', amountMinor, feeMinor, commissionMinor, partner: owner });

  it('says how far off an unbalanced set is, and refuses a journal of zeros', () => {
    const line = (amountMinor: number) => ({ account: { code: 'x', kind: 'asset' as const }, amountMinor, lineKind: 'x' });
    expect(() => balanced([line(3), line(-1)])).toThrow('postings do not balance: off by 2');
    expect(() => balanced([line(0), line(0)])).toThrow('a journal needs at least one non-zero line');
    expect(() => balanced([line(0.5), line(-0.5)])).toThrow(/safe integer/);
    expect(balanced([line(2), line(0), line(-2)])).toEqual([line(2), line(-2)]);
  });

  it.each([
    // amount, fee, commission, allowed?
    [1, 0, 0, true], // the smallest sale
    [100, 100, 0, true], // a fee may take all of it
    [100, 0, 100, true], // so may the commission
    [0, 0, 0, false], // nothing was paid
    [-100, 0, 0, false],
    [100, 101, 0, false],
    [100, 0, 101, false],
    [100, -1, 0, false],
    [100, 0, -1, false],
  ])('a capture of %i with fee %i and commission %i is allowed: %s', (amount, fee, commission, allowed) => {
    if (allowed) expect(sum(capture(amount, fee, commission))).toBe(0);
    else expect(() => capture(amount, fee, commission)).toThrow(RangeError);
  });

  it('names the bad number in the refusal', () => {
    expect(() => capture(0, 0, 0)).toThrow('amount must be positive, got 0');
    expect(() => capture(100, 101, 0)).toThrow('part 101 outside 0..100');
  });

  it.each([
    // refund, already refunded, paid, commission, allowed?
    [10_000, 0, 10_000, 10_000, true], // the commission may be all of it
    [1, 9_999, 10_000, 10, true], // the very last minor unit
    [0, 0, 10_000, 10, false],
    [-1, 0, 10_000, 10, false],
    [1, -1, 10_000, 10, false],
    [1, 10_000, 10_000, 10, false],
    [1, 0, 10_000, -1, false],
    [1, 0, 10_000, 10_001, false],
  ])(
    'refundSplit: refund %i after %i of %i paid, commission %i is allowed: %s',
    (refundMinor, already, paidMinor, commissionMinor, allowed) => {
      const split = () => refundSplit({ refundMinor, alreadyRefundedMinor: already, paidMinor, commissionMinor });
      if (allowed) expect(split().commissionMinor + split().partnerMinor).toBe(refundMinor);
      else expect(split).toThrow('refund split out of range');
    },
  );

  it('refundSplit refuses amounts that are not whole minor units before doing any sum', () => {
    for (const bad of [
      { refundMinor: 1.5, alreadyRefundedMinor: 0, paidMinor: 10, commissionMinor: 1 },
      { refundMinor: 1, alreadyRefundedMinor: 0.5, paidMinor: 10, commissionMinor: 1 },
      { refundMinor: 1, alreadyRefundedMinor: 0, paidMinor: 10.5, commissionMinor: 1 },
      { refundMinor: 1, alreadyRefundedMinor: 0, paidMinor: 10, commissionMinor: 0.5 },
    ]) {
      expect(() => refundSplit(bad)).toThrow(/safe integer/);
    }
  });

  it.each([
    // amount, basis points, fixed, fee
    [-100, 330, 30, 0], // nothing taken on nothing
    [0, 330, 30, 0],
    [1_000, 10_000, 0, 1_000], // the whole amount is the most a gateway keeps
    [1_000, 10_000, 30, 1_000],
  ])('gateway fee of %i at %i bp + %i → %i', (amount, basisPoints, fixedMinor, fee) => {
    expect(gatewayFeeMinor(amount, { basisPoints, fixedMinor })).toBe(fee);
  });

  it('refuses a negative fixed fee, naming the rate', () => {
    expect(() => gatewayFeeMinor(100, { basisPoints: 100, fixedMinor: -1 })).toThrow('gateway fee rate out of range');
    expect(() => gatewayFeeMinor(100, { basisPoints: 10_001, fixedMinor: 0 })).toThrow('gateway fee rate out of range');
  });
});

describe('payment states that matter elsewhere', () => {
  it('only initiated and pending intents are active (one per booking); captured ones hold money', () => {
    expect(PAYMENT_STATUSES.filter(isActivePayment)).toEqual(['initiated', 'pending']);
    expect(PAYMENT_STATUSES.filter(isCapturedPayment)).toEqual(['completed', 'refunded', 'partially_refunded']);
  });
});
