import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';

/** `organization_logo`s are stored by the demo seeder (no upload endpoint takes them yet: uploads are UPLOAD_TYPES' purposes). */
export const FILE_PURPOSES = ['vehicle_photo', 'driver_document', 'organization_logo'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

/** An uploaded file: the bytes live in storage (local disk or S3), this row says whose and what they are. */
export const storedFiles = pgTable(
  'stored_files',
  {
    id: uuid().primaryKey(),
    ownerUserId: uuid()
      .notNull()
      .references(() => users.id),
    purpose: text({ enum: FILE_PURPOSES }).notNull(),
    storageKey: text().notNull(),
    contentType: text().notNull(),
    sizeBytes: bigint({ mode: 'number' }).notNull(),
    sha256: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('stored_files_owner_idx').on(t.ownerUserId, t.createdAt),
    check('stored_files_purpose_check', sql`${t.purpose} in ('vehicle_photo', 'driver_document', 'organization_logo')`),
    check('stored_files_size_check', sql`${t.sizeBytes} > 0`),
  ],
);
