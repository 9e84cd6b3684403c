import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * An Idempotency-Key claimed by a caller (API.md): the first request inserts the
 * row (`running`), so a concurrent retry finds it taken; its response is stored
 * on completion and replayed byte for byte for 24 h.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key: `user:<id>` for signed-in callers (keys never collide across callers). */
    scope: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, route and canonical body: the same key with another request is refused. */
    requestHash: text().notNull(),
    status: text({ enum: ['running', 'completed'] }).notNull(),
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    responseBody: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** A running claim older than this is presumed dead (its process crashed) and may be taken over. */
    lockedUntil: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
    check('idempotency_keys_status_check', sql`${t.status} in ('running', 'completed')`),
    check('idempotency_keys_key_length', sql`length(${t.key}) between 1 and 255`),
  ],
);
