import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Who did what to which object, written in the same transaction as the action.
 * Append-only: a trigger (migration 0003) rejects UPDATE and DELETE.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid().primaryKey(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: uuid(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: text(),
    before: jsonb(),
    after: jsonb(),
    ip: text(),
    requestId: text(),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.at),
    // Someone's actions (the viewer's actor filter); what jobs do has no actor, and its rows skip this index.
    index('audit_log_actor_idx').on(t.actorUserId, t.at).where(sql`${t.actorUserId} is not null`),
    index('audit_log_at_idx').on(t.at),
    // The console's audit viewer filters by action.
    index('audit_log_action_idx').on(t.action, t.at),
  ],
);
