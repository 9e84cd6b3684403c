/** One value of an audit record, short and readable. */
function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function entries(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : value === null || value === undefined
      ? {}
      : { value };
}

/**
 * An audit record's before and after as a diff: one row per field that is in
 * either, the changed ones marked. Nothing recorded says so.
 */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const b = entries(before);
  const a = entries(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  if (keys.length === 0) return <span className="fw-muted admin-hint">No details recorded.</span>;
  return (
    <dl className="admin-diff">
      {keys.map((key) => {
        const was = show(b[key]);
        const now = show(a[key]);
        const inBefore = key in b;
        const inAfter = key in a;
        return (
          <div key={key} className="admin-diff__row">
            <dt>{key}</dt>
            <dd>
              {inBefore && inAfter && was === now ? (
                <span>{now}</span>
              ) : (
                <>
                  {inBefore ? <del className="admin-diff__was">{was}</del> : null}
                  {inBefore && inAfter ? <span aria-hidden="true"> → </span> : null}
                  {inAfter ? <ins className="admin-diff__now">{now}</ins> : null}
                </>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
