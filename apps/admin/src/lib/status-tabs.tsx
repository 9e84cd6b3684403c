import { Link } from '@fareway/ui';

/** Tabs over a list's status filter, as links (`?status=`), so each view has its own address. */
export function StatusTabs<T extends string>({
  base,
  current,
  options,
}: {
  base: string;
  current: T | undefined;
  options: ReadonlyArray<{ value: T | undefined; label: string }>;
}) {
  return (
    <nav className="admin-tabs" aria-label="Filter by status">
      {options.map((option) => (
        <Link
          key={option.value ?? 'all'}
          to={option.value ? `${base}?status=${option.value}` : base}
          aria-current={option.value === current ? 'page' : undefined}
          className="admin-tabs__tab"
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
