import type { schema } from '@fareway/db';
import type { FilePurpose } from '@fareway/db/schema';

export type StoredFileRow = typeof schema.storedFiles.$inferSelect;

/** An uploaded file as its owner sees it; `url` is where the bytes are served (GET, access-checked). */
export interface PublicFile {
  id: string;
  purpose: FilePurpose;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  url: string;
  createdAt: string;
}

export function fileUrl(fileId: string): string {
  return `/api/v1/files/${fileId}`;
}

export function toPublicFile(row: StoredFileRow): PublicFile {
  return {
    id: row.id,
    purpose: row.purpose,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    url: fileUrl(row.id),
    createdAt: row.createdAt.toISOString(),
  };
}
