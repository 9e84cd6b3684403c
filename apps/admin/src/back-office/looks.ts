import type { StatusVariant } from '@fareway/ui';

/** How a status looks on a badge (its label always says it too). */
export function bookingLook(status: string): StatusVariant {
  if (status === 'confirmed' || status === 'active' || status === 'completed') return 'ok';
  if (status === 'pending') return 'warn';
  if (status === 'cancelled' || status === 'expired') return 'down';
  return 'neutral';
}

export function paymentLook(status: string): StatusVariant {
  if (status === 'completed') return 'ok';
  if (status === 'failed') return 'down';
  if (status === 'initiated' || status === 'pending') return 'warn';
  return 'neutral';
}

export function refundLook(status: string): StatusVariant {
  return status === 'succeeded' ? 'ok' : status === 'failed' ? 'down' : 'warn';
}

export function settlementLook(status: string): StatusVariant {
  return status === 'paid' ? 'ok' : status === 'approved' ? 'warn' : 'neutral';
}
