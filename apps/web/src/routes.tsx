import { matchPath } from '@fareway/ui';
import type { ReactNode } from 'react';
import { BookingPage } from './bookings/booking-page';
import { MyBookingsPage } from './bookings/my-bookings-page';
import { DriverBookingsPage, DriverPage, NewVehiclePage } from './driver/driver-page';
import { ManageVehiclePage } from './driver/manage-vehicle-page';
import { HomePage, NotFoundPage } from './home-page';
import { PaymentReturnPage } from './payments/payment-return-page';
import { CarSearchPage } from './rentals/car-search-page';
import { VehiclePage } from './rentals/vehicle-page';
import { BusSearchPage } from './trips/bus-search-page';
import { TripPage } from './trips/trip-page';
import { WalletPage } from './wallet/wallet-page';

type Params = Record<string, string>;

/** Every page of the customer app, first match wins. */
const ROUTES: Array<[pattern: string, render: (params: Params) => ReactNode]> = [
  ['/cars', () => <CarSearchPage />],
  ['/cars/:id', (p) => <VehiclePage id={p.id ?? ''} />],
  ['/bus', () => <BusSearchPage />],
  ['/bus/trips/:id', (p) => <TripPage id={p.id ?? ''} />],
  ['/bookings', () => <MyBookingsPage />],
  ['/bookings/:id', (p) => <BookingPage id={p.id ?? ''} />],
  ['/payments/:id', (p) => <PaymentReturnPage id={p.id ?? ''} />],
  ['/wallet', () => <WalletPage />],
  ['/driver', () => <DriverPage />],
  ['/driver/bookings', () => <DriverBookingsPage />],
  ['/driver/vehicles/new', () => <NewVehiclePage />],
  ['/driver/vehicles/:id', (p) => <ManageVehiclePage id={p.id ?? ''} />],
];

/** The page for a path; "/?payment=<id>" is where gateways send the browser back after paying. */
export function renderRoute(path: string, search: URLSearchParams): ReactNode {
  if (path === '/') {
    const payment = search.get('payment');
    // The key remounts the page when another payment comes back in the same tab.
    return payment ? <PaymentReturnPage key={payment} id={payment} /> : <HomePage />;
  }
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    // A key per path: moving between two bookings starts the page afresh (its local state too).
    if (params) return <div key={path}>{render(params)}</div>;
  }
  return <NotFoundPage />;
}
