import type { RouterOutputs } from '@fareway/api-client';
import { StatusBadge, type StatusVariant } from '@fareway/ui';
import { useTranslation } from 'react-i18next';

export type Booking = RouterOutputs['bookings']['get'];
export type BookingStatus = Booking['status'];

const VARIANTS: Record<BookingStatus, StatusVariant> = {
  pending: 'warn',
  confirmed: 'ok',
  active: 'ok',
  completed: 'neutral',
  expired: 'down',
  cancelled: 'down',
};

/** Every status with its words in the user's language (`common:bookingStatus`), for filters. */
export function useBookingStatusOptions(): Array<{ value: BookingStatus; label: string }> {
  const { t } = useTranslation();
  return (Object.keys(VARIANTS) as BookingStatus[]).map((status) => ({ value: status, label: t(`bookingStatus.${status}`) }));
}

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <StatusBadge variant={VARIANTS[status]}>{t(`bookingStatus.${status}`)}</StatusBadge>;
}
