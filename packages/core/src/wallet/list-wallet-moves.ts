import { ledgerAccounts } from '@fareway/domain';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';

export type WalletMoveKind = 'top_up' | 'payment' | 'refund' | 'other';

export interface WalletMove {
  /** The ledger entry's id. */
  id: string;
  kind: WalletMoveKind;
  /** Seen from the customer: money in is positive (top-ups, refunds), money out negative (payments). */
  amountMinor: number;
  /** The wallet's balance right after this move. */
  balanceMinor: number;
  currency: string;
  at: string;
  /** The booking a payment or refund was for (null for top-ups). */
  bookingId: string | null;
}

const KINDS: Record<string, WalletMoveKind> = { top_up: 'top_up', wallet_payment: 'payment', refund: 'refund' };

/**
 * `GET /wallet/moves`: the wallet's history, newest first, read from its ledger account (the one
 * source of its balance): each move with the running balance after it, paged. The running sum is
 * taken over the whole account before the page is cut, so every page's balances are exact.
 */
export async function listWalletMoves(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor,
  input: { page: number; limit: number },
): Promise<Page<WalletMove> & { currency: string }> {
  const currency = deps.config.payments.walletCurrency;
  const code = ledgerAccounts.customerWallet(actor.userId).code;
  const rows = await deps.db.execute<{
    id: string;
    amount_minor: string;
    balance_minor: string;
    created_at: Date | string;
    kind: string;
    booking_id: string | null;
    total: string;
  }>(sql`
    with moves as (
      select e.id, e.amount_minor, e.created_at, j.kind, j.reference,
             -- The wallet is a liability (credits negative): the customer's balance is the negated running sum.
             -sum(e.amount_minor) over (order by e.created_at, e.id) as balance_minor,
             count(*) over () as total
        from ledger_entries e
        join ledger_journals j on j.id = e.journal_id
       where e.account_code = ${code} and e.currency = ${currency}
    ), page as (
      select * from moves order by created_at desc, id desc limit ${input.limit} offset ${(input.page - 1) * input.limit}
    )
    select page.id, page.amount_minor::text, page.balance_minor::text, page.created_at, page.kind, page.total::text,
           coalesce(p.booking_id, r.booking_id) as booking_id
      from page
      left join payments p on page.kind = 'wallet_payment'
        and p.id = case when page.reference ~ '^[0-9a-f-]{36}$' then page.reference::uuid end
      left join refunds r on page.kind = 'refund'
        and r.id = case when page.reference ~ '^[0-9a-f-]{36}$' then page.reference::uuid end
     order by page.created_at desc, page.id desc`);
  const list = [...rows];
  let total = Number(list[0]?.total ?? 0);
  if (list.length === 0 && input.page > 1) {
    // Past the last page the window count has no row to ride on: count the moves themselves.
    const [counted] = await deps.db.execute<{ n: number }>(
      sql`select count(*)::int as n from ledger_entries where account_code = ${code} and currency = ${currency}`,
    );
    total = counted?.n ?? 0;
  }
  return {
    currency,
    items: list.map((r) => ({
      id: r.id,
      kind: KINDS[r.kind] ?? 'other',
      amountMinor: 0 - Number(r.amount_minor),
      balanceMinor: Number(r.balance_minor),
      currency,
      at: new Date(r.created_at).toISOString(),
      bookingId: r.booking_id,
    })),
    meta: { page: input.page, limit: input.limit, total },
  };
}
