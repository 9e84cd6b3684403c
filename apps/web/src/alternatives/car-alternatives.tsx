import { useTRPC } from '@fareway/api-client';
import { formatMoney } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { vehicleName } from '../rentals/car-search-page';

/**
 * After a car was refused as taken: other cars free for the same range, in its city first, then
 * other cities nearest first, each saying where it is. `start`/`end` are the wall-clock inputs,
 * carried to the other car's page.
 */
export function CarAlternatives(props: { vehicleId: string; startDate: string; endDate: string; start: string; end: string }) {
  const { t } = useTranslation('alternatives');
  const trpc = useTRPC();
  const found = useQuery(
    trpc.journey.vehicleAlternatives.queryOptions({ id: props.vehicleId, startDate: props.startDate, endDate: props.endDate }),
  );
  if (!found.data) return found.isPending ? <p className="fw-muted">{t('looking')}</p> : null;
  return (
    <div className="web-alternatives" data-testid="car-alternatives">
      {found.data.items.length === 0 ? (
        <p>{t('noCars')}</p>
      ) : (
        <>
          <p>{t('otherCars')}</p>
          <ul className="web-alternatives__list">
            {found.data.items.map((car) => (
              <li key={car.id}>
                <Link to="/cars/$id" params={{ id: car.id }} search={{ start: props.start, end: props.end }}>
                  {vehicleName(car)}
                </Link>
                {' · '}
                <span data-testid="car-alternative-place">
                  {car.place.sameCity
                    ? t('sameCity', { city: car.city })
                    : car.place.distanceKm === null
                      ? t('otherCity', { city: car.city })
                      : t('nearby', { city: car.city, km: car.place.distanceKm })}
                </span>
                {car.quote ? ` · ${formatMoney(car.quote.totalMinor, car.quote.currency)}` : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
