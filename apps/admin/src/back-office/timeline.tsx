import type { RouterOutputs } from '@fareway/api-client';
import { browserTimeZone, formatDateTime } from '@fareway/ui';
import { AuditDiff } from '../lib/audit-diff';
import { PersonName } from '../lib/person';

type Line = RouterOutputs['admin']['audit']['list']['items'][number];

/** Audit records as a timeline, oldest first: when, what, who, and the change. */
export function Timeline({ lines, label }: { lines: Line[]; label: string }) {
  if (lines.length === 0) return <p className="fw-muted">Nothing recorded yet.</p>;
  const zone = browserTimeZone();
  return (
    <ol className="admin-timeline" aria-label={label}>
      {lines.map((line) => (
        <li key={line.id}>
          <p className="admin-timeline__head">
            <strong>{line.action}</strong> <span className="fw-muted admin-hint">{formatDateTime(line.at, zone)}</span>
          </p>
          <p className="admin-hint">
            By <PersonName person={line.actor} />
          </p>
          <AuditDiff before={line.before} after={line.after} />
        </li>
      ))}
    </ol>
  );
}
