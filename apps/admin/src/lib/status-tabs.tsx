import { Link } from '@tanstack/react-router';

/** Tabs over a list's status filter, as links (`?status=`), so each view has its own address. */
export function StatusTabs<T extends string>({
  base,
  current,
  options,
}: {
  base: '/drivers' | '/vehicles' | '/operators' | '/notifications';
  current: T | undefined;
  options: ReadonlyArray<{ value: T | undefined; label: string }>;
}) {
  return (
    <nav className="admin-tabs" aria-label="Filter by status">
      {options.map((option) => (
        <Link
          key={option.value ?? 'all'}
          to={base}
          // Each list validates its own statuses; a tab always names one of them (or none).
          search={{ status: option.value } as never}
          activeOptions={{ exact: true, includeSearch: false }}
          aria-current={option.value === current ? 'page' : undefined}
          activeProps={{ 'aria-current': option.value === current ? 'page' : undefined }}
          className="admin-tabs__tab"
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
