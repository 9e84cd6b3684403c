import { useTRPC } from '@fareway/api-client';
import { formatDateTime, formatMoney } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** After seats were refused as taken: what is still free on the same leg, and the next trips with room for the party. */
export function SeatAlternatives({ tripId, fromStop, toStop, seats }: { tripId: string; fromStop: number; toStop: number; seats: number }) {
  const { t } = useTranslation('alternatives');
  const trpc = useTRPC();
  const found = useQuery(trpc.journey.seatAlternatives.queryOptions({ id: tripId, fromStop, toStop, seats }));
  if (!found.data) return found.isPending ? <p className="fw-muted">{t('looking')}</p> : null;
  const { sameTrip, laterTrips } = found.data;
  return (
    <div className="web-alternatives" data-testid="seat-alternatives">
      <p>
        {sameTrip.freeSeats.length > 0
          ? t('freeOnLeg', { seats: sameTrip.freeSeats.slice(0, 12).join(', '), count: sameTrip.freeSeats.length })
          : t('noneOnLeg')}
      </p>
      {laterTrips.length > 0 ? (
        <>
          <p>{t('laterTrips')}</p>
          <ul className="web-alternatives__list">
            {laterTrips.map((trip) => (
              <li key={trip.id}>
                <Link to="/bus/trips/$id" params={{ id: trip.id }} search={{ from: trip.fromStop, to: trip.toStop }}>
                  {formatDateTime(trip.departsAt, trip.timeZone)}
                </Link>{' '}
                · {trip.operator.name} · {t('seatsFree', { count: trip.freeSeats })} · {formatMoney(trip.fareMinor, trip.currency)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
