import { QueryState, useSession, useTRPC } from '@fareway/api-client';
import { Card, formatPhone } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from '@tanstack/react-router';
import { ApplyForm } from './apply-form';
import { OrganizationStatus } from './office-frame';

/**
 * The operator office's front door: the organisations the user works for (one
 * opens straight away, several are offered to pick from), or — for someone
 * who is neither an administrator nor operator staff — how to apply as an operator.
 */
export function OfficeHomePage() {
  const trpc = useTRPC();
  const session = useSession();
  const mine = useQuery(trpc.organizations.mine.queryOptions({ page: 1, limit: 100 }));
  const user = session.user;
  const who = user?.name ?? user?.email ?? (user?.phone ? formatPhone(user.phone) : 'you');
  return (
    <QueryState query={mine} what="your organisations">
      {(data) => {
        const only = data.items.length === 1 ? data.items[0] : undefined;
        if (only) return <Navigate to="/office/$organizationId" params={{ organizationId: only.id }} replace />;
        if (data.items.length === 0) {
          return (
            <>
              <h1 className="admin-title">Run a bus company on Fareway</h1>
              <p className="op-lead">
                You are signed in as <strong>{who}</strong>. This console is for Fareway administrators and operator staff, and this account
                is neither yet. If you run buses, apply as an operator: once Fareway approves your company you can add your buses, routes
                and timetables and sell seats. If you work for an operator, ask its owner to add you, then open this page again.
              </p>
              <Card title="Apply as an operator">
                <ApplyForm />
              </Card>
            </>
          );
        }
        return (
          <>
            <h1 className="admin-title">Your operators</h1>
            <p className="op-lead">Choose the company to work on.</p>
            <ul className="admin-list">
              {data.items.map((org) => (
                <li key={org.id} className="fw-card op-pick">
                  <Link to="/office/$organizationId" params={{ organizationId: org.id }} className="op-pick__name">
                    {org.name}
                  </Link>{' '}
                  <OrganizationStatus status={org.status} /> <span className="fw-muted">{org.myRole === 'owner' ? 'Owner' : 'Staff'}</span>
                </li>
              ))}
            </ul>
            <p>
              <Link to="/office/apply">Apply for another operator</Link>
            </p>
          </>
        );
      }}
    </QueryState>
  );
}

export function ApplyPage() {
  return (
    <>
      <h1 className="admin-title">Apply as an operator</h1>
      <Card title="Your company">
        <ApplyForm />
      </Card>
    </>
  );
}
