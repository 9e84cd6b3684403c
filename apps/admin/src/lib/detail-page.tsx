import { QueryState } from '@fareway/api-client';
import { Card } from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** The lists a detail page leads back to. */
type ListPath = '/bookings' | '/payments' | '/settlements' | '/users';

/**
 * One object's page in the console: the way back to its list, then the object
 * once loaded (loading and errors said in words).
 */
export function DetailPage<T>({
  back,
  query,
  what,
  children,
}: {
  back: { to: ListPath; label: string };
  query: { data: T | undefined; error: unknown; isPending: boolean; refetch: () => Promise<unknown> };
  what: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <>
      <Link to={back.to} className="fw-back">
        ← {back.label}
      </Link>
      <QueryState query={query} what={what}>
        {children}
      </QueryState>
    </>
  );
}

/** What may be done to the object, beside its facts. */
export function ActionsCard({ children }: { children: ReactNode }) {
  return (
    <Card title="Actions">
      <div className="fw-stack">{children}</div>
    </Card>
  );
}

/** A detail page's heading row: the title, then what sits beside it (a status, an action). */
export function DetailHead({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="admin-head">
      <h1 className="admin-title">{title}</h1>
      {children}
    </div>
  );
}
