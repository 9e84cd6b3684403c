import { sql } from 'drizzle-orm';
import { check, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { storedFiles } from './files';
import { users } from './identity';

export const ORGANIZATION_STATUSES = ['pending', 'approved', 'suspended'] as const;
export const MEMBER_ROLES = ['owner', 'staff'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** An operator (a bus company, a fleet): owns inventory, has members, is settled as a partner. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid().primaryKey(),
    name: text().notNull(),
    status: text({ enum: ORGANIZATION_STATUSES }).notNull().default('pending'),
    /** IANA zone for local display and "trips on this date". */
    timeZone: text().notNull().default('Asia/Colombo'),
    /** The operator's logo (a stored file, public while the operator is approved), shown beside its name. */
    logoFileId: uuid().references(() => storedFiles.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // The approval queue and the dashboard's pending count.
    index('organizations_status_idx').on(t.status, t.createdAt),
    check('organizations_status_check', sql`${t.status} in ('pending', 'approved', 'suspended')`),
  ],
);

export const organizationMembers = pgTable(
  'organization_members',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text({ enum: MEMBER_ROLES }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    index('organization_members_user_id_idx').on(t.userId),
    check('organization_members_role_check', sql`${t.role} in ('owner', 'staff')`),
  ],
);
