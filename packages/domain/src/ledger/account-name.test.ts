import { describe, expect, it } from 'vitest';
import { accountName } from './account-name';

const U = '01900000-0000-7000-8000-000000000001';

describe('accountName', () => {
  it.each([
    // code, title, owner
    [`customer_wallet:${U}`, 'Customer wallet', { userId: U }],
    [`partner_payable:user:${U}`, 'Partner payable', { userId: U }],
    [`partner_payable:org:${U}`, 'Partner payable', { organizationId: U }],
    [`partner_payouts:org:${U}`, 'Partner payouts (approved)', { organizationId: U }],
    ['gateway_clearing:stripe', 'Gateway clearing (stripe)', null],
    ['gateway_fees:payhere', 'Gateway fees (payhere)', null],
    ['platform_revenue', 'Platform revenue', null],
    ['refunds_payable', 'Refunds payable', null],
    ['payouts_bank', 'Payouts bank', null],
    // Unknown or malformed: the code itself, no owner guessed.
    ['suspense', 'suspense', null],
    ['customer_wallet:not-a-uuid', 'customer_wallet:not-a-uuid', null],
    [`partner_payable:team:${U}`, `partner_payable:team:${U}`, null],
    ['platform_revenue:extra', 'platform_revenue:extra', null],
  ])('%s is "%s"', (code, title, owner) => {
    expect(accountName(code)).toEqual({ title, owner });
  });
});
