import { useTRPC } from '@fareway/api-client';
import { formatMoney } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Booking } from './booking-status';

export type RefundTo = 'original' | 'wallet';

/**
 * Where a cancellation's refund goes, chosen before confirming: back to the card, or kept in the
 * Fareway wallet (same currency only; a booking paid from the wallet always refunds there).
 */
export function RefundChoice({
  booking,
  refund,
  value,
  onChange,
}: {
  booking: Booking;
  refund: number;
  value: RefundTo;
  onChange: (to: RefundTo) => void;
}) {
  const { t } = useTranslation('receipt');
  const trpc = useTRPC();
  const wallet = useQuery(trpc.wallet.get.queryOptions(undefined, { enabled: refund > 0 }));
  // Only a paid booking has a receipt; it says how it was paid.
  const paidByWallet = useQuery(
    trpc.journey.receipt.queryOptions(
      { id: booking.id },
      { enabled: refund > 0, select: (r) => r.payments.every((p) => p.provider === 'wallet') },
    ),
  );
  if (refund <= 0 || paidByWallet.data !== false || wallet.data?.currency !== booking.currency) return null;
  return (
    <fieldset className="fw-field web-refund-choice" data-testid="refund-choice">
      <legend className="fw-field__label">{t('refundChoice.legend', { amount: formatMoney(refund, booking.currency) })}</legend>
      {(['original', 'wallet'] as const).map((to) => (
        <label key={to} className="fw-check web-refund-choice__option">
          <input type="radio" name="refundTo" value={to} checked={value === to} onChange={() => onChange(to)} />
          {to === 'original' ? t('refundChoice.card') : t('refundChoice.wallet')}
        </label>
      ))}
    </fieldset>
  );
}
