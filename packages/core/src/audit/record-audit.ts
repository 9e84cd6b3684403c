import { type DatabaseOrTransaction, newId, schema } from '@fareway/db';

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  before?: unknown;
  after?: unknown;
}

/** Where the action came from: passed down from the request (or the job) that caused it. */
export interface RequestOrigin {
  ip: string | null;
  requestId: string | null;
}

/** The origin of what a job does on its own: no request, no address. */
export const SYSTEM_ORIGIN: RequestOrigin = { ip: null, requestId: null };

/** The audit row for an entry (for callers that write it inside a larger statement). */
export function auditRow(at: Date, origin: RequestOrigin, entry: AuditEntry): typeof schema.auditLog.$inferInsert {
  return {
    id: newId(),
    at,
    actorUserId: entry.actorUserId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: origin.ip,
    requestId: origin.requestId,
  };
}

/** Appends one audit row inside the caller's transaction: the record exists exactly when the action does. */
export async function recordAudit(tx: DatabaseOrTransaction, at: Date, origin: RequestOrigin, entry: AuditEntry): Promise<void> {
  await tx.insert(schema.auditLog).values(auditRow(at, origin, entry));
}
