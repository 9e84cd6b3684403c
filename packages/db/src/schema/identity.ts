import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const USER_ROLES = ['customer', 'driver', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_STATUSES = ['active', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person: signs in by phone (customers, drivers) or email + password (admins, operator staff). */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey(),
    /** E.164, normalised by libphonenumber-js before it is stored. */
    phone: text(),
    /** Lower-cased before it is stored. */
    email: text(),
    /** argon2id (PHC string); null for phone-only accounts. */
    passwordHash: text(),
    name: text(),
    /** Language of notices (en, si, ta); English when unset. */
    locale: text(),
    roles: text().array().notNull().default(sql`'{customer}'::text[]`),
    status: text({ enum: USER_STATUSES }).notNull().default('active'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_phone_key').on(t.phone),
    uniqueIndex('users_email_key').on(t.email),
    // The console's user list: newest first. Its search (ILIKE '%term%' on phone, email and name) has
    // a trigram GIN index beside pg_trgm in hand-written migration 0022 (Drizzle cannot create extensions).
    index('users_created_idx').on(t.createdAt),
    check('users_status_check', sql`${t.status} in ('active', 'suspended')`),
    check('users_roles_check', sql`${t.roles} <@ array['customer', 'driver', 'admin']::text[]`),
    check('users_locale_check', sql`${t.locale} is null or ${t.locale} in ('en', 'si', 'ta')`),
    check('users_has_identifier', sql`${t.phone} is not null or ${t.email} is not null`),
  ],
);

/**
 * Server-side sessions (the way lucia-auth.com teaches now that Lucia v3 is
 * deprecated): the id is the SHA-256 of a random token the client holds; the
 * token itself is never stored, so a leaked table cannot be replayed.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
);

/** One row per code sent. Only a keyed hash of the code is kept. */
export const otpCodes = pgTable(
  'otp_codes',
  {
    id: uuid().primaryKey(),
    phone: text().notNull(),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    consumedAt: timestamp({ withTimezone: true }),
    ip: text(),
  },
  (t) => [index('otp_codes_phone_created_at_idx').on(t.phone, t.createdAt), index('otp_codes_created_at_idx').on(t.createdAt)],
);

/** Failed password sign-ins per account and per IP, for the progressive lockout. */
export const loginThrottles = pgTable('login_throttles', {
  /** `account:<email>` or `ip:<address>`. */
  key: text().primaryKey(),
  failures: integer().notNull(),
  lastFailedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});
