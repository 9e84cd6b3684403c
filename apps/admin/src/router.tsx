import { createRootRoute, createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { ConsoleLayout, NotFoundPage, RouteError, RoutePending } from './app';
import { searchSchemas } from './search';

/**
 * The admin console's routes (TanStack Router, code-based, mounted under
 * /admin/): typed paths, validated search params, one lazy chunk per page.
 */
const rootRoute = createRootRoute({ component: ConsoleLayout, notFoundComponent: NotFoundPage });

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

export const routeTree = rootRoute.addChildren([dashboardRoute, driversRoute, vehiclesRoute, operatorsRoute, ledgerRoute, usersRoute]);

export function createConsoleRouter() {
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
    router: ReturnType<typeof createConsoleRouter>;
  }
}
