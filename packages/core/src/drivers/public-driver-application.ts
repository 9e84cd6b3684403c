import type { schema } from '@fareway/db';
import { fileUrl } from '../storage/public-file';

export type DriverApplicationRow = typeof schema.driverApplications.$inferSelect;

export interface PublicDriverApplication {
  id: string;
  userId: string;
  fullName: string;
  nationalId: string;
  licenceNumber: string;
  licenceExpiry: string;
  documents: { kind: string; fileId: string; url: string }[];
  status: 'pending' | 'approved' | 'rejected';
  decisionReason: string | null;
  reviewedAt: string | null;
  createdAt: string;
  /** For the admin's list: who applied. */
  applicant?: { phone: string | null; name: string | null };
}

export function toPublicDriverApplication(
  row: DriverApplicationRow,
  applicant?: { phone: string | null; name: string | null },
): PublicDriverApplication {
  return {
    id: row.id,
    userId: row.userId,
    fullName: row.fullName,
    nationalId: row.nationalId,
    licenceNumber: row.licenceNumber,
    licenceExpiry: row.licenceExpiry,
    documents: row.documents.map((d) => ({ kind: d.kind, fileId: d.fileId, url: fileUrl(d.fileId) })),
    status: row.status,
    decisionReason: row.decisionReason,
    reviewedAt: row.reviewedAt ? row.reviewedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    ...(applicant ? { applicant } : {}),
  };
}
