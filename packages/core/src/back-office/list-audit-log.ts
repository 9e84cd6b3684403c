import { schema } from '@fareway/db';
import { normalizePhone } from '@fareway/domain';
import { and, count, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { type AuditLine, toAuditLines } from './get-admin-booking';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admin: the audit log, newest first. Filters: the actor (an email, a phone or
 * a user id), the action (exact, "booking.cancel"),
 * the subject (type, and id), a time range. Served by audit_log_actor_idx,
 * audit_log_action_idx (0019), audit_log_subject_idx and audit_log_at_idx.
 */
export async function listAuditLog(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { page: number; limit: number; actor?: string; action?: string; subjectType?: string; subjectId?: string; from?: Date; to?: Date },
): Promise<Page<AuditLine>> {
  const a = schema.auditLog;
  const filters: SQL[] = [];
  const empty = { items: [], meta: { page: input.page, limit: input.limit, total: 0 } };
  if (input.actor) {
    const actorId = await actorIdOf(deps, input.actor);
    if (!actorId) return empty;
    filters.push(eq(a.actorUserId, actorId));
  }
  if (input.action) filters.push(eq(a.action, input.action));
  if (input.subjectType) filters.push(eq(a.subjectType, input.subjectType));
  if (input.subjectId) filters.push(eq(a.subjectId, input.subjectId));
  if (input.from) filters.push(gte(a.at, input.from));
  if (input.to) filters.push(lt(a.at, input.to));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(a)
      .where(where)
      .orderBy(desc(a.at), desc(a.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(a).where(where),
  ]);
  return {
    items: await toAuditLines(deps.db, rows),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}

/** The user an actor filter names: by id, email (case-insensitive) or phone. */
async function actorIdOf(deps: Pick<Deps, 'db' | 'config'>, actor: string): Promise<string | null> {
  const text = actor.trim();
  if (UUID.test(text)) return text.toLowerCase();
  const phone = normalizePhone(text, deps.config.auth.defaultRegion);
  const clauses = [eq(schema.users.email, text.toLowerCase())];
  if (phone) clauses.push(eq(schema.users.phone, phone));
  const [user] = await deps.db
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(or(...clauses))
    .limit(1);
  return user?.id ?? null;
}
