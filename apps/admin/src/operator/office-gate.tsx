import { Link, Navigate, Outlet, useRouterState } from '@tanstack/react-router';

/** An address of the operator office (any signed-in user may open it). */
export function isOfficePath(pathname: string): boolean {
  return /\/office(\/|$)/.test(pathname);
}

/**
 * What a signed-in user who is not an administrator may open: the operator
 * office. Any other console address leads there (their organisations, or how
 * to apply as an operator) instead of an error.
 */
export function OfficeGate() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return isOfficePath(pathname) ? <Outlet /> : <Navigate to="/office" replace />;
}

export function OfficeNav() {
  return (
    <Link to="/office" activeOptions={{ exact: false }}>
      Operator office
    </Link>
  );
}
