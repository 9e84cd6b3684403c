import type { schema } from '@fareway/db';
import type { PaymentStatus } from '@fareway/domain';
import type { Checkout } from '@fareway/gateways';

export type PaymentRow = typeof schema.payments.$inferSelect;

/** A payment intent as its customer (and admins) see it: API.md's initiate answer plus its progress. */
export interface PublicPayment {
  id: string;
  purpose: 'booking' | 'top_up';
  bookingId: string | null;
  provider: PaymentRow['provider'];
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  feeMinor: number;
  capturedMinor: number;
  refundedMinor: number;
  /** What the client opens; null for wallet payments, or while the gateway is still being asked. */
  checkout: Checkout | null;
  failureReason: string | null;
  createdAt: string;
  completedAt: string | null;
}

export function toPublicPayment(row: PaymentRow): PublicPayment {
  return {
    id: row.id,
    purpose: row.purpose,
    bookingId: row.bookingId,
    provider: row.provider,
    status: row.status,
    amountMinor: row.amountMinor,
    currency: row.currency,
    feeMinor: row.feeMinor,
    capturedMinor: row.capturedMinor,
    refundedMinor: row.refundedMinor,
    checkout: (row.checkout as Checkout | null) ?? null,
    failureReason: row.failureReason,
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt ? row.completedAt.toISOString() : null,
  };
}
