import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { humanize, StatusBadge } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export type Organization = RouterOutputs['organizations']['get'];

export function useOrganization(organizationId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.organizations.get.queryOptions({ organizationId }));
}

export function OrganizationStatus({ status }: { status: Organization['status'] }) {
  const words = { pending: 'Waiting for approval', approved: 'Approved', suspended: 'Suspended' } as const;
  return (
    <StatusBadge variant={status === 'approved' ? 'ok' : status === 'pending' ? 'warn' : 'down'}>
      {words[status] ?? humanize(status)}
    </StatusBadge>
  );
}

const TABS = [
  { to: '/office/$organizationId', label: 'Overview', exact: true },
  { to: '/office/$organizationId/layouts', label: 'Seat layouts', exact: false },
  { to: '/office/$organizationId/buses', label: 'Buses', exact: false },
  { to: '/office/$organizationId/routes', label: 'Routes', exact: false },
  { to: '/office/$organizationId/trips', label: 'Trips', exact: false },
  { to: '/office/$organizationId/bookings', label: 'Bookings', exact: false },
  { to: '/office/$organizationId/settlements', label: 'Settlements', exact: false },
] as const;

/**
 * Every page of one organisation in the operator office: its name and status,
 * the page title, and the tabs to its other pages. Children get the organisation
 * (its zone is the zone its trips are shown in).
 */
export function OfficeFrame({
  organizationId,
  title,
  actions,
  children,
}: {
  organizationId: string;
  title: string;
  actions?: ReactNode;
  children: (organization: Organization) => ReactNode;
}) {
  const organization = useOrganization(organizationId);
  return (
    <QueryState query={organization} what="the operator">
      {(org) => (
        <>
          <p className="op-crumb">
            <Link to="/office">Operator office</Link> · <span>{org.name}</span> <OrganizationStatus status={org.status} />
          </p>
          <div className="admin-head">
            <h1 className="admin-title">{title}</h1>
            {actions}
          </div>
          <nav className="admin-tabs op-tabs" aria-label={`${org.name} pages`}>
            {TABS.map((tab) => (
              <Link
                key={tab.to}
                to={tab.to}
                params={{ organizationId }}
                className="admin-tabs__tab"
                activeOptions={{ exact: tab.exact, includeSearch: false }}
                activeProps={{ 'aria-current': 'page' }}
              >
                {tab.label}
              </Link>
            ))}
          </nav>
          {children(org)}
        </>
      )}
    </QueryState>
  );
}
