import { newId, schema, withTransaction } from '@fareway/db';
import { AppError, type GatewayProvider, gatewayFeeMinor } from '@fareway/domain';
import type { RequestOrigin } from '../audit/record-audit';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { gatewayFor } from '../payments/gateway-for';
import type { PublicPayment } from '../payments/public-payment';
import { returnUrlFor, startCheckout } from '../payments/start-checkout';

/**
 * `POST /wallet/top-up`: like initiate, for money into the wallet — an intent
 * with purpose `top_up` in the wallet's currency; its capture credits the
 * wallet (the top_up journal; the platform bears the gateway's fee).
 */
export async function topUpWallet(
  deps: Deps,
  actor: Actor,
  input: { amountMinor: number; provider: GatewayProvider; returnUrl?: string },
  origin: RequestOrigin,
): Promise<PublicPayment> {
  gatewayFor(deps, input.provider);
  const { walletCurrency, topUpMaxMinor, feeRates } = deps.config.payments;
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0 || input.amountMinor > topUpMaxMinor) {
    throw new AppError('VALIDATION_ERROR', `A top-up is between 1 and ${topUpMaxMinor} minor units`, {
      details: [{ path: 'amountMinor', message: `expected 1..${topUpMaxMinor}` }],
    });
  }
  const now = deps.clock.now();
  const intent = await withTransaction(deps.db, async (tx) => {
    const id = newId();
    const [row] = await tx
      .insert(schema.payments)
      .values({
        id,
        purpose: 'top_up',
        bookingId: null,
        customerId: actor.userId,
        provider: input.provider,
        status: 'initiated',
        amountMinor: input.amountMinor,
        currency: walletCurrency,
        feeMinor: gatewayFeeMinor(input.amountMinor, feeRates[input.provider]),
        returnUrl: returnUrlFor(deps, id, input.returnUrl),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'payment.initiated',
      subjectType: 'payment',
      subjectId: id,
      after: { purpose: 'top_up', provider: input.provider, amountMinor: input.amountMinor, currency: walletCurrency },
    });
    return row;
  });
  return startCheckout(deps, intent, 'Fareway wallet top-up');
}
