import { schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq, max, sql } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from './load-vehicle-for';
import { type PublicVehicle, toPublicVehicle } from './public-vehicle';

export const MAX_PHOTOS_PER_VEHICLE = 12;

/**
 * Attaches an uploaded photo (`POST /files?purpose=vehicle_photo` first) to
 * the owner's vehicle, last in order. Photos do not send an approved listing
 * back to review; an admin who sees something wrong suspends it.
 */
export async function addVehiclePhoto(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; fileId: string },
  origin: RequestOrigin,
): Promise<PublicVehicle> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { forUpdate: true });
    // Security: only the owner's own uploads, and only photos (documents stay private).
    const [file] = await tx
      .select({ id: schema.storedFiles.id })
      .from(schema.storedFiles)
      .where(
        and(
          eq(schema.storedFiles.id, input.fileId),
          eq(schema.storedFiles.ownerUserId, actor.userId),
          eq(schema.storedFiles.purpose, 'vehicle_photo'),
        ),
      );
    if (!file)
      throw new AppError('VALIDATION_ERROR', 'fileId must be a vehicle_photo file you uploaded', {
        details: [{ path: 'fileId', message: 'unknown file' }],
      });
    const [stats] = await tx
      .select({ n: sql<number>`count(*)::int`, last: max(schema.vehiclePhotos.position) })
      .from(schema.vehiclePhotos)
      .where(eq(schema.vehiclePhotos.vehicleId, vehicle.id));
    if ((stats?.n ?? 0) >= MAX_PHOTOS_PER_VEHICLE)
      throw new AppError('VALIDATION_ERROR', `A vehicle has at most ${MAX_PHOTOS_PER_VEHICLE} photos`);
    await tx
      .insert(schema.vehiclePhotos)
      .values({ vehicleId: vehicle.id, fileId: file.id, position: (stats?.last ?? -1) + 1, createdAt: now })
      .onConflictDoNothing();
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.photo_added',
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      after: { fileId: file.id },
    });
    return toPublicVehicle(tx, vehicle);
  });
}

export async function removeVehiclePhoto(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; fileId: string },
  origin: RequestOrigin,
): Promise<PublicVehicle> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { forUpdate: true });
    const removed = await tx
      .delete(schema.vehiclePhotos)
      .where(and(eq(schema.vehiclePhotos.vehicleId, vehicle.id), eq(schema.vehiclePhotos.fileId, input.fileId)))
      .returning({ fileId: schema.vehiclePhotos.fileId });
    if (removed.length === 0) throw new AppError('NOT_FOUND', 'That photo is not on this vehicle');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.photo_removed',
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      before: { fileId: input.fileId },
    });
    return toPublicVehicle(tx, vehicle);
  });
}
