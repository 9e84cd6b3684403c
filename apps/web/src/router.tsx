import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { RootLayout, RouteError, RoutePending } from './app';
import { NotFoundPage } from './not-found-page';
import { searchSchemas } from './search';

/**
 * The customer app's routes (TanStack Router, code-based): typed paths and
 * params, validated search params, and every page in its own chunk
 * (`lazyRouteComponent`) so the first load carries only the shell.
 */
const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage });

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  validateSearch: searchSchemas.home,
  // Payments started before returns went to the booking come back to "/?payment=<id>".
  beforeLoad: ({ search }) => {
    if (search.payment) throw redirect({ to: '/payments/$id', params: { id: search.payment }, replace: true });
  },
  component: lazyRouteComponent(() => import('./home-page'), 'HomePage'),
});
const carsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cars',
  validateSearch: searchSchemas.cars,
  component: lazyRouteComponent(() => import('./rentals/car-search-page'), 'CarSearchPage'),
});
const vehicleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/cars/$id',
  validateSearch: searchSchemas.vehicle,
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./rentals/vehicle-page'), 'VehiclePage'),
});
const busRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bus',
  validateSearch: searchSchemas.bus,
  component: lazyRouteComponent(() => import('./trips/bus-search-page'), 'BusSearchPage'),
});
const tripRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bus/trips/$id',
  validateSearch: searchSchemas.trip,
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./trips/trip-page'), 'TripPage'),
});
const bookingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bookings',
  validateSearch: searchSchemas.bookings,
  component: lazyRouteComponent(() => import('./bookings/my-bookings-page'), 'MyBookingsPage'),
});
const bookingRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bookings/$id',
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./bookings/booking-page'), 'BookingPage'),
});
const ticketRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bookings/$id/ticket',
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./tickets/ticket-page'), 'TicketPage'),
});
const receiptRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bookings/$id/receipt',
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./tickets/receipt-page'), 'ReceiptPage'),
});
const walletHistoryRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/wallet/history',
  validateSearch: searchSchemas.walletHistory,
  component: lazyRouteComponent(() => import('./wallet/wallet-history-page'), 'WalletHistoryPage'),
});
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/register',
  component: lazyRouteComponent(() => import('./account/register-page'), 'RegisterPage'),
});
const paymentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/payments/$id',
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./payments/payment-return-page'), 'PaymentReturnPage'),
});
const walletRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/wallet',
  component: lazyRouteComponent(() => import('./wallet/wallet-page'), 'WalletPage'),
});
const driverRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/driver',
  validateSearch: searchSchemas.driver,
  component: lazyRouteComponent(() => import('./driver/driver-page'), 'DriverPage'),
});
const driverBookingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/driver/bookings',
  validateSearch: searchSchemas.driverBookings,
  component: lazyRouteComponent(() => import('./driver/driver-page'), 'DriverBookingsPage'),
});
const newVehicleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/driver/vehicles/new',
  component: lazyRouteComponent(() => import('./driver/driver-page'), 'NewVehiclePage'),
});
const manageVehicleRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/driver/vehicles/$id',
  remountDeps: ({ params }) => params,
  component: lazyRouteComponent(() => import('./driver/manage-vehicle-page'), 'ManageVehiclePage'),
});

export const routeTree = rootRoute.addChildren([
  homeRoute,
  carsRoute,
  vehicleRoute,
  busRoute,
  tripRoute,
  bookingsRoute,
  bookingRoute,
  paymentRoute,
  walletRoute,
  driverRoute,
  driverBookingsRoute,
  newVehicleRoute,
  manageVehicleRoute,
  ticketRoute,
  receiptRoute,
  walletHistoryRoute,
  registerRoute,
]);

export function createAppRouter() {
  return createRouter({
    routeTree,
    basepath: import.meta.env.BASE_URL,
    scrollRestoration: true,
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    defaultPreload: 'intent',
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
