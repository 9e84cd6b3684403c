import { Card } from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Booking } from '../bookings/booking-status';

/** Links from a booking to its e-ticket (paid seat bookings) and its receipt (anything paid). */
export function BookingDocuments({ booking }: { booking: Booking }) {
  const { t } = useTranslation('ticket');
  const ticketed = booking.kind === 'seat' && ['confirmed', 'active', 'completed'].includes(booking.status);
  if (booking.paidMinor <= 0) return null;
  return (
    <Card title={t('documents')}>
      <ul className="web-documents">
        {ticketed ? (
          <li>
            <Link to="/bookings/$id/ticket" params={{ id: booking.id }} className="fw-button">
              {t('openTicket')}
            </Link>
          </li>
        ) : null}
        <li>
          <Link to="/bookings/$id/receipt" params={{ id: booking.id }} className="fw-button fw-button--secondary">
            {t('openReceipt')}
          </Link>
        </li>
      </ul>
    </Card>
  );
}
