import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type Actor, isAdmin } from '../identity/users';
import type { StoredObject } from './file-storage';
import { fileStorageOf } from './file-storage-of';

export interface OpenedFile extends StoredObject {
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Anyone may see it (a photo of an approved vehicle, an approved operator's logo): caches may keep it. */
  isPublic: boolean;
}

/**
 * The bytes of an uploaded file, for whoever may see them: its owner and
 * admins always; anyone a photo attached to an approved vehicle or the logo
 * of an approved operator. Driver documents are never public. Everyone else is told it does not exist.
 */
export async function openFile(deps: Pick<Deps, 'db' | 'config'>, actor: Actor | null, fileId: string): Promise<OpenedFile> {
  const notFound = () => new AppError('NOT_FOUND', 'No such file');
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(fileId)) throw notFound();
  const [file] = await deps.db.select().from(schema.storedFiles).where(eq(schema.storedFiles.id, fileId)).limit(1);
  if (!file) throw notFound();
  let isPublic = false;
  if (file.purpose === 'vehicle_photo') {
    const [listed] = await deps.db
      .select({ one: schema.vehiclePhotos.fileId })
      .from(schema.vehiclePhotos)
      .innerJoin(schema.vehicles, eq(schema.vehicles.id, schema.vehiclePhotos.vehicleId))
      .where(and(eq(schema.vehiclePhotos.fileId, file.id), eq(schema.vehicles.status, 'approved')))
      .limit(1);
    isPublic = listed !== undefined;
  } else if (file.purpose === 'organization_logo') {
    const [shown] = await deps.db
      .select({ one: schema.organizations.id })
      .from(schema.organizations)
      .where(and(eq(schema.organizations.logoFileId, file.id), eq(schema.organizations.status, 'approved')))
      .limit(1);
    isPublic = shown !== undefined;
  }
  const mayRead = isPublic || (actor !== null && (actor.userId === file.ownerUserId || isAdmin(actor)));
  if (!mayRead) throw notFound();
  const object = await fileStorageOf(deps).get(file.storageKey);
  if (!object) throw notFound();
  return { ...object, contentType: file.contentType, sizeBytes: file.sizeBytes, sha256: file.sha256, isPublic };
}
