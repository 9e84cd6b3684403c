/**
 * What a ledger account code means, for people: its kind in words and, for
 * accounts of one person or organisation, whose it is (the console replaces the
 * id with their name). Codes are made by ledgerAccounts and settlementAccounts.
 */
export interface AccountName {
  /** "Customer wallet", "Gateway clearing (stripe)", "Platform revenue", ... */
  title: string;
  owner: { userId: string } | { organizationId: string } | null;
}

const TITLES: Record<string, string> = {
  customer_wallet: 'Customer wallet',
  gateway_clearing: 'Gateway clearing',
  gateway_fees: 'Gateway fees',
  platform_revenue: 'Platform revenue',
  partner_payable: 'Partner payable',
  partner_payouts: 'Partner payouts (approved)',
  refunds_payable: 'Refunds payable',
  payouts_bank: 'Payouts bank',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function accountName(code: string): AccountName {
  const [base = code, ...rest] = code.split(':');
  const title = TITLES[base];
  if (!title) return { title: code, owner: null };
  if (base === 'customer_wallet' && rest.length === 1 && UUID.test(rest[0] ?? '')) return { title, owner: { userId: rest[0] as string } };
  if ((base === 'partner_payable' || base === 'partner_payouts') && rest.length === 2 && UUID.test(rest[1] ?? '')) {
    const id = rest[1] as string;
    if (rest[0] === 'user') return { title, owner: { userId: id } };
    if (rest[0] === 'org') return { title, owner: { organizationId: id } };
  }
  if ((base === 'gateway_clearing' || base === 'gateway_fees') && rest.length === 1) return { title: `${title} (${rest[0]})`, owner: null };
  if (rest.length === 0) return { title, owner: null };
  // An unknown shape of a known prefix: show the code as it is rather than guess.
  return { title: code, owner: null };
}
