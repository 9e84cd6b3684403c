import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

export const DriverApplicationSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  fullName: z.string(),
  nationalId: z.string(),
  licenceNumber: z.string(),
  licenceExpiry: z.iso.date(),
  documents: z.array(z.object({ kind: z.string(), fileId: z.uuid(), url: z.string() })),
  status: z.enum(['pending', 'approved', 'rejected']),
  decisionReason: z.string().nullable(),
  reviewedAt: Iso.nullable(),
  createdAt: Iso,
  applicant: z.object({ phone: z.string().nullable(), name: z.string().nullable() }).optional(),
});
