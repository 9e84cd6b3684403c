import { schema, withTransaction } from '@fareway/db';
import { AppError, decidePaymentTransition } from '@fareway/domain';
import { isGatewayError } from '@fareway/gateways';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { findUserById } from '../identity/users';
import { emitPaymentEvent } from '../webhooks/emit-partner-event';
import { gatewayFor } from './gateway-for';
import { type PaymentRow, type PublicPayment, toPublicPayment } from './public-payment';

/** Where the browser goes back to: the caller's own URL when it is ours, else the web app. */
export function returnUrlFor(deps: Pick<Deps, 'config'>, intentId: string, requested: string | undefined): string {
  const own = new URL(deps.config.http.publicUrl);
  if (requested) {
    let url: URL;
    try {
      url = new URL(requested);
    } catch {
      throw new AppError('VALIDATION_ERROR', 'returnUrl must be an absolute URL', {
        details: [{ path: 'returnUrl', message: 'not a URL' }],
      });
    }
    // Security: never an open redirect — only our own origin or a configured client origin.
    if (url.origin !== own.origin && !deps.config.http.corsOrigins.includes(url.origin)) {
      throw new AppError('VALIDATION_ERROR', 'returnUrl must be on this site or a configured client origin', {
        details: [{ path: 'returnUrl', message: 'origin not allowed' }],
      });
    }
    return url.toString();
  }
  return `${deps.config.http.publicUrl}/?payment=${intentId}`;
}

/**
 * Transactions 2 and 3 of starting a payment: ask the gateway for a checkout —
 * OUTSIDE any transaction (a slow gateway must never hold a lock or a
 * connection) — then store its reference and move the intent to pending.
 * A gateway that refuses fails the intent (PAYMENT_FAILED); one that does not
 * answer leaves it failed too, and the client may simply try again.
 */
export async function startCheckout(deps: Deps, intent: PaymentRow, description: string): Promise<PublicPayment> {
  const gateway = gatewayFor(deps, intent.provider);
  const customer = await findUserById(deps.db, intent.customerId);
  const returnUrl = intent.returnUrl ?? returnUrlFor(deps, intent.id, undefined);
  const cancel = new URL(returnUrl);
  cancel.searchParams.set('cancelled', '1');
  let result: Awaited<ReturnType<typeof gateway.createCheckout>>;
  try {
    result = await gateway.createCheckout({
      intentId: intent.id,
      amountMinor: intent.amountMinor,
      currency: intent.currency,
      description,
      customer: {
        id: intent.customerId,
        ...(customer?.name ? { name: customer.name } : {}),
        // PayHere and Flutterwave require an email; phone-only customers get an undeliverable
        // placeholder (RFC 2606 .invalid) rather than a made-up address someone might own.
        email: customer?.email ?? `customer-${intent.customerId}@fareway.invalid`,
        ...(customer?.phone ? { phone: customer.phone } : {}),
      },
      returnUrl,
      cancelUrl: cancel.toString(),
      notifyUrl: `${deps.config.http.publicUrl}/api/v1/payments/webhook/${intent.provider}`,
      now: deps.clock.now(),
    });
  } catch (error) {
    deps.log.warn({ err: error, intentId: intent.id, provider: intent.provider }, 'gateway refused to create a checkout');
    const now = deps.clock.now();
    await withTransaction(deps.db, async (tx) => {
      const [row] = await tx.select().from(schema.payments).where(eq(schema.payments.id, intent.id)).for('update');
      if (!row || !decidePaymentTransition(row.status, 'gateway_failed').apply) return;
      const [failed] = await tx
        .update(schema.payments)
        .set({ status: 'failed', failureReason: 'checkout_not_created', failedAt: now, updatedAt: now })
        .where(eq(schema.payments.id, intent.id))
        .returning();
      if (failed) await emitPaymentEvent(tx, 'payment.failed', failed, now);
    });
    if (isGatewayError(error) && error.retryable) {
      throw new AppError('SERVICE_UNAVAILABLE', 'The payment provider did not answer; please try again', {
        cause: error,
        retryAfterSeconds: 5,
      });
    }
    throw new AppError('PAYMENT_FAILED', 'The payment provider could not start this payment', { cause: error });
  }
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const [row] = await tx.select().from(schema.payments).where(eq(schema.payments.id, intent.id)).for('update');
    if (!row) throw new Error(`payment ${intent.id} vanished`);
    const decision = decidePaymentTransition(row.status, 'checkout_created');
    // Stored even when the intent moved on meanwhile (superseded, or already paid): a late capture must still match it.
    const [updated] = await tx
      .update(schema.payments)
      .set({
        providerReference: result.providerReference ?? null,
        checkout: result.checkout,
        ...(decision.apply ? { status: decision.to } : {}),
        updatedAt: now,
      })
      .where(eq(schema.payments.id, intent.id))
      .returning();
    return toPublicPayment(updated ?? row);
  });
}
