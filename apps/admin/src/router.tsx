import type { useTRPC } from '@fareway/api-client';
import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { ConsoleLayout, NotFoundPage, RouteError, RoutePending } from './app';
import { isOfficePath } from './operator/office-gate';
import { officeSearch } from './operator/search';
import { searchSchemas } from './search';

/** What every route's beforeLoad may use: the app's query cache and its tRPC query options (given by main.tsx). */
export interface ConsoleContext {
  queryClient: QueryClient;
  trpc: ReturnType<typeof useTRPC>;
}

/**
 * The admin console's routes (TanStack Router, code-based, mounted under
 * /admin/): typed paths, validated search params, one lazy chunk per page.
 *
 * A signed-in user who is not an admin is sent to the operator office before
 * any admin page loads (role from the cached `auth.me`): no admin page shows,
 * not even for a frame, and none of its queries is sent only to answer 403.
 * Signed out, the layout shows the sign-in forms in place of the page.
 */
const rootRoute = createRootRouteWithContext<ConsoleContext>()({
  component: ConsoleLayout,
  notFoundComponent: NotFoundPage,
  beforeLoad: async ({ context, location }) => {
    if (isOfficePath(location.pathname)) return;
    const user = await context.queryClient.ensureQueryData(context.trpc.auth.me.queryOptions()).catch(() => null);
    if (user && !user.roles.includes('admin')) throw redirect({ to: '/office', replace: true });
  },
});

const dashboardRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./dashboard-page'), 'DashboardPage'),
});
const driversRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/drivers',
  validateSearch: searchSchemas.drivers,
  component: lazyRouteComponent(() => import('./driver-applications-page'), 'DriverApplicationsPage'),
});
const vehiclesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/vehicles',
  validateSearch: searchSchemas.vehicles,
  component: lazyRouteComponent(() => import('./vehicle-review-page'), 'VehicleReviewPage'),
});
const operatorsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/operators',
  validateSearch: searchSchemas.operators,
  component: lazyRouteComponent(() => import('./operators-page'), 'OperatorsPage'),
});
const ledgerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ledger',
  component: lazyRouteComponent(() => import('./ledger-page'), 'LedgerPage'),
});
const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/users',
  validateSearch: searchSchemas.users,
  component: lazyRouteComponent(() => import('./users-page'), 'UsersPage'),
});

const backOffice = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/bookings',
    validateSearch: searchSchemas.bookings,
    component: lazyRouteComponent(() => import('./back-office/bookings-page'), 'BookingsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/bookings/$bookingId',
    component: lazyRouteComponent(() => import('./back-office/booking-page'), 'BookingPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/payments',
    validateSearch: searchSchemas.payments,
    component: lazyRouteComponent(() => import('./back-office/payments-page'), 'PaymentsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/payments/$paymentId',
    component: lazyRouteComponent(() => import('./back-office/payment-page'), 'PaymentPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/refunds',
    validateSearch: searchSchemas.refunds,
    component: lazyRouteComponent(() => import('./back-office/refunds-page'), 'RefundsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/settlements',
    validateSearch: searchSchemas.settlements,
    component: lazyRouteComponent(() => import('./back-office/settlements-page'), 'SettlementsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/settlements/$settlementId',
    component: lazyRouteComponent(() => import('./back-office/settlement-page'), 'SettlementPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/jobs',
    component: lazyRouteComponent(() => import('./back-office/jobs-page'), 'JobsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/audit',
    validateSearch: searchSchemas.audit,
    component: lazyRouteComponent(() => import('./back-office/audit-page'), 'AuditPage'),
  }),
] as const;

// s4-dash: the admin's cockpit (user page, ledger journals, notifications outbox).
const adminCockpit = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/users/$userId',
    component: lazyRouteComponent(() => import('./user-page'), 'UserPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/ledger/journals',
    validateSearch: searchSchemas.journals,
    component: lazyRouteComponent(() => import('./journals-page'), 'JournalsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/notifications',
    validateSearch: searchSchemas.notifications,
    component: lazyRouteComponent(() => import('./notifications-page'), 'NotificationsPage'),
  }),
] as const;

/** The operator office (issue 12): operator staff, scoped to their organisations; anyone signed in may apply. */
const office = [
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office',
    component: lazyRouteComponent(() => import('./operator/office-home-page'), 'OfficeHomePage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/apply',
    component: lazyRouteComponent(() => import('./operator/office-home-page'), 'ApplyPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId',
    component: lazyRouteComponent(() => import('./operator/organization-page'), 'OrganizationPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/layouts',
    component: lazyRouteComponent(() => import('./operator/layouts-page'), 'LayoutsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/buses',
    component: lazyRouteComponent(() => import('./operator/buses-page'), 'BusesPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/routes',
    component: lazyRouteComponent(() => import('./operator/routes-page'), 'RoutesPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/trips',
    validateSearch: officeSearch.trips,
    component: lazyRouteComponent(() => import('./operator/trips-page'), 'TripsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/trips/$tripId',
    validateSearch: officeSearch.trip,
    component: lazyRouteComponent(() => import('./operator/trip-page'), 'TripPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/bookings',
    validateSearch: officeSearch.bookings,
    component: lazyRouteComponent(() => import('./operator/bookings-page'), 'OperatorBookingsPage'),
  }),
  createRoute({
    getParentRoute: () => rootRoute,
    path: '/office/$organizationId/settlements',
    validateSearch: officeSearch.settlements,
    component: lazyRouteComponent(() => import('./operator/settlements-page'), 'OperatorSettlementsPage'),
  }),
] as const;

export const routeTree = rootRoute.addChildren([
  dashboardRoute,
  driversRoute,
  vehiclesRoute,
  operatorsRoute,
  ledgerRoute,
  usersRoute,
  ...backOffice,
  ...adminCockpit,
  ...office,
]);

export function createConsoleRouter() {
  return createRouter({
    routeTree,
    // The real context comes with <RouterProvider context> (main.tsx), from inside the API provider.
    context: {} as ConsoleContext,
    basepath: import.meta.env.BASE_URL,
    scrollRestoration: true,
    defaultPendingComponent: RoutePending,
    defaultErrorComponent: RouteError,
    defaultPreload: 'intent',
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createConsoleRouter>;
  }
}
