import { PAYMENT_STATUSES } from '@fareway/domain';
import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

export const GatewayProviderSchema = z.enum(['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe']);

/** What the client opens (API.md): a redirect, an auto-submitted form, or a Stripe client secret. */
export const CheckoutSchema = z.union([
  z.object({ url: z.string() }),
  z.object({ formAction: z.string(), fields: z.record(z.string(), z.string()) }),
  z.object({ clientSecret: z.string() }),
]);

/** A payment intent (API.md "Payments and wallet"): the initiate answer, and `GET /payments/{id}`. */
export const PaymentSchema = z.object({
  id: z.uuid(),
  purpose: z.enum(['booking', 'top_up']),
  bookingId: z.uuid().nullable(),
  provider: z.enum(['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet']),
  status: z.enum(PAYMENT_STATUSES),
  amountMinor: z.number().int(),
  currency: z.string().length(3),
  feeMinor: z.number().int().describe("What the gateway keeps of the amount (the customer pays amountMinor; the fee is the gateway's cut)"),
  capturedMinor: z.number().int(),
  refundedMinor: z.number().int().describe('Refunds issued or under way'),
  checkout: CheckoutSchema.nullable().describe(
    'What to open: { url } | { formAction, fields } | { clientSecret }; null while the gateway is still being asked',
  ),
  failureReason: z.string().nullable(),
  createdAt: Iso,
  completedAt: Iso.nullable(),
});

export const ReturnUrlInput = z
  .url()
  .max(2_000)
  .optional()
  .describe('Where the browser goes after paying; must be on this site or a configured client origin (default: the web app)');
