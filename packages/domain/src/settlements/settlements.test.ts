import { describe, expect, it } from 'vitest';
import { isSettlementPeriod, partnerOfAccount, periodIsClosed, periodRange, previousPeriod } from '.';
import { settlementApprovalPostings, settlementPayoutPostings } from './settlement-postings';

describe('settlement periods', () => {
  it.each([
    ['2026-01', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z'],
    ['2026-12', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
    ['2028-02', '2028-02-01T00:00:00.000Z', '2028-03-01T00:00:00.000Z'],
  ])('%s runs from %s to %s', (period, start, end) => {
    expect(periodRange(period)).toEqual({ start: new Date(start), end: new Date(end) });
  });

  it.each([
    ['2026-03-01T00:00:00Z', '2026-02'],
    ['2026-01-15T12:00:00Z', '2025-12'],
    ['2026-03-31T23:59:59Z', '2026-02'],
  ])('the month before %s is %s', (at, period) => {
    expect(previousPeriod(new Date(at))).toBe(period);
  });

  it.each([
    ['2026-02', '2026-03-01T00:00:00Z', true],
    ['2026-02', '2026-02-28T23:59:59Z', false],
    ['2026-03', '2026-03-10T00:00:00Z', false],
  ])('%s is closed at %s: %s', (period, now, closed) => {
    expect(periodIsClosed(period, new Date(now))).toBe(closed);
  });

  it.each(['2026-1', '2026-13', '2026-00', 'x'])('refuses %s', (value) => {
    expect(isSettlementPeriod(value)).toBe(false);
    expect(() => periodRange(value)).toThrow(RangeError);
  });
});

describe('settlement postings', () => {
  const partner = { userId: '01900000-0000-7000-8000-000000000001' };
  it.each([
    [12_345, 12_345],
    [-500, -500],
  ])('approving a net of %i moves it from payable to payouts, balanced', (net, moved) => {
    const lines = settlementApprovalPostings({ partner, netMinor: net }) ?? [];
    expect(lines.map((l) => [l.account.code, l.amountMinor])).toEqual([
      [`partner_payable:user:${partner.userId}`, moved],
      [`partner_payouts:user:${partner.userId}`, -moved],
    ]);
    const paid = settlementPayoutPostings({ partner, netMinor: net }) ?? [];
    expect(paid.reduce((sum, l) => sum + l.amountMinor, 0)).toBe(0);
    expect(paid.map((l) => l.account.code)).toEqual([`partner_payouts:user:${partner.userId}`, 'payouts_bank']);
  });

  it('names its lines: approval moves the payable, payout pays it out', () => {
    const kinds = (lines: ReturnType<typeof settlementApprovalPostings>) => lines?.map((l) => l.lineKind);
    expect(kinds(settlementApprovalPostings({ partner, netMinor: 100 }))).toEqual(['settlement_approved', 'settlement_approved']);
    expect(kinds(settlementPayoutPostings({ partner, netMinor: 100 }))).toEqual(['payout', 'payout']);
    expect(settlementPayoutPostings({ partner, netMinor: 100 })?.map((l) => l.amountMinor)).toEqual([100, -100]);
  });

  it('says which period it could not read', () => {
    expect(() => periodRange('2026-13')).toThrow('not a period (YYYY-MM): 2026-13');
  });

  it('posts nothing for a statement that nets to zero', () => {
    expect(settlementApprovalPostings({ partner, netMinor: 0 })).toBeNull();
    expect(settlementPayoutPostings({ partner, netMinor: 0 })).toBeNull();
  });

  it.each([
    ['partner_payable:user:01900000-0000-7000-8000-000000000001', { userId: '01900000-0000-7000-8000-000000000001' }],
    ['partner_payable:org:01900000-0000-7000-8000-000000000002', { organizationId: '01900000-0000-7000-8000-000000000002' }],
    ['platform_revenue', null],
    // Only a whole code names a partner: not a prefix of another account, nor one with a suffix.
    ['x_partner_payable:user:01900000-0000-7000-8000-000000000001', null],
    ['partner_payable:user:01900000-0000-7000-8000-000000000001:old', null],
    ['partner_payable:team:01900000-0000-7000-8000-000000000001', null],
  ])('reads the partner of %s', (code, partnerRef) => {
    expect(partnerOfAccount(code)).toEqual(partnerRef);
  });
});
