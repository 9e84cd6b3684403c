import { ledgerAccounts } from '@fareway/domain';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { accountBalance } from '../ledger/post-journal';

/**
 * `GET /wallet`: the balance is the ledger account's, nothing else. The wallet
 * is what the platform owes the customer (a liability, so its signed balance
 * is a credit): the customer's balance is its negation.
 */
export async function getWallet(deps: Pick<Deps, 'db' | 'config'>, actor: Actor): Promise<{ balanceMinor: number; currency: string }> {
  const currency = deps.config.payments.walletCurrency;
  const signed = await accountBalance(deps.db, ledgerAccounts.customerWallet(actor.userId).code, currency);
  return { balanceMinor: 0 - signed, currency };
}
