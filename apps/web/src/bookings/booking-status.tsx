import type { RouterOutputs } from '@fareway/api-client';
import { StatusBadge, type StatusVariant } from '@fareway/ui';

export type Booking = RouterOutputs['bookings']['get'];
export type BookingStatus = Booking['status'];

const LOOKS: Record<BookingStatus, { variant: StatusVariant; label: string }> = {
  pending: { variant: 'warn', label: 'Awaiting payment' },
  confirmed: { variant: 'ok', label: 'Confirmed' },
  active: { variant: 'ok', label: 'In progress' },
  completed: { variant: 'neutral', label: 'Completed' },
  expired: { variant: 'down', label: 'Expired' },
  cancelled: { variant: 'down', label: 'Cancelled' },
};

export const BOOKING_STATUS_OPTIONS: Array<{ value: BookingStatus; label: string }> = (Object.keys(LOOKS) as BookingStatus[]).map(
  (status) => ({ value: status, label: LOOKS[status].label }),
);

export function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const look = LOOKS[status];
  return <StatusBadge variant={look.variant}>{look.label}</StatusBadge>;
}
