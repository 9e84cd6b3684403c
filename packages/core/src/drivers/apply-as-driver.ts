import { newId, registerConstraintError, schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { type Actor, findUserById } from '../identity/users';
import { type PublicDriverApplication, toPublicDriverApplication } from './public-driver-application';

// Two applications racing past the pre-check: the partial unique index decides.
registerConstraintError('driver_applications_one_pending', 'VALIDATION_ERROR', 'You already have a driver application under review');

export interface DriverApplicationInput {
  fullName: string;
  nationalId: string;
  licenceNumber: string;
  /** YYYY-MM-DD; must be after today. */
  licenceExpiry: string;
  documents: { kind: string; fileId: string }[];
}

const invalid = (path: string, message: string) => new AppError('VALIDATION_ERROR', message, { details: [{ path, message }] });

/**
 * A signed-in user asks to become a driver. One application under review at a
 * time (a partial unique index); after a rejection they may apply again.
 * The documents are files they uploaded first (purpose driver_document).
 */
export async function applyAsDriver(
  deps: Deps,
  actor: Actor,
  input: DriverApplicationInput,
  origin: RequestOrigin,
): Promise<PublicDriverApplication> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.licenceExpiry) || Number.isNaN(Date.parse(`${input.licenceExpiry}T00:00:00Z`)))
    throw invalid('licenceExpiry', 'licenceExpiry must be a date (YYYY-MM-DD)');
  if (input.licenceExpiry <= today) throw invalid('licenceExpiry', 'The licence has expired');
  if (input.documents.length === 0) throw invalid('documents', 'Attach at least one document (a photo or scan of the licence)');
  const fileIds = [...new Set(input.documents.map((d) => d.fileId))];
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    // Serialise one user's applications so the "one pending" answer is the friendly one.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`driver-application:${actor.userId}`}, 0))`);
    const user = await findUserById(tx, actor.userId);
    if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
    if (user.roles.includes('driver')) throw new AppError('VALIDATION_ERROR', 'You are already a driver');
    const [pending] = await tx
      .select({ id: schema.driverApplications.id })
      .from(schema.driverApplications)
      .where(and(eq(schema.driverApplications.userId, actor.userId), eq(schema.driverApplications.status, 'pending')))
      .limit(1);
    if (pending) throw new AppError('VALIDATION_ERROR', 'You already have a driver application under review');
    // Security: only the applicant's own uploads, and only documents, may be attached.
    const files = await tx
      .select({ id: schema.storedFiles.id })
      .from(schema.storedFiles)
      .where(
        and(
          inArray(schema.storedFiles.id, fileIds),
          eq(schema.storedFiles.ownerUserId, actor.userId),
          eq(schema.storedFiles.purpose, 'driver_document'),
        ),
      );
    if (files.length !== fileIds.length) throw invalid('documents', 'Every document must be a driver_document file you uploaded');
    const [row] = await tx
      .insert(schema.driverApplications)
      .values({
        id: newId(),
        userId: actor.userId,
        fullName: input.fullName.trim(),
        nationalId: input.nationalId.trim(),
        licenceNumber: input.licenceNumber.trim(),
        licenceExpiry: input.licenceExpiry,
        documents: input.documents.map((d) => ({ kind: d.kind, fileId: d.fileId })),
        status: 'pending',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('driver_applications insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'driver_application.submitted',
      subjectType: 'driver_application',
      subjectId: row.id,
      after: { documents: row.documents.length },
    });
    return toPublicDriverApplication(row);
  });
}
