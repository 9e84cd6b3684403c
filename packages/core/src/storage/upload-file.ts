import { createHash } from 'node:crypto';
import { newId, schema, withTransaction } from '@fareway/db';
import type { FilePurpose } from '@fareway/db/schema';
import { AppError } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { enforceRateLimit } from '../rate-limit/consume-rate-limit';
import { detectFileType, normalizeContentType, UPLOAD_TYPES } from './detect-file-type';
import { fileStorageOf } from './file-storage-of';
import { type PublicFile, toPublicFile } from './public-file';

export const UPLOADS_PER_USER_PER_HOUR = 60;

/** The purposes a user may upload (an `organization_logo` is stored by the seeder only). */
type UploadPurpose = keyof typeof UPLOAD_TYPES & FilePurpose;

export const FILE_PURPOSE_LIST = Object.keys(UPLOAD_TYPES) as UploadPurpose[];

/**
 * Stores an upload (a vehicle photo or a driver's document) for its owner.
 * The declared Content-Type must be one the purpose allows AND match the
 * bytes' magic numbers. The bytes are written before the row (no I/O inside
 * the transaction); a failed insert removes them again.
 */
export async function uploadFile(
  deps: Deps,
  actor: Actor,
  input: { purpose: string; contentType: string | null | undefined; bytes: Buffer },
  origin: RequestOrigin,
): Promise<PublicFile> {
  if (!FILE_PURPOSE_LIST.includes(input.purpose as UploadPurpose)) {
    throw new AppError('VALIDATION_ERROR', `purpose must be one of ${FILE_PURPOSE_LIST.join(', ')}`, {
      details: [{ path: 'purpose', message: 'unknown purpose' }],
    });
  }
  const purpose = input.purpose as UploadPurpose;
  const allowed: readonly string[] = UPLOAD_TYPES[purpose];
  const declared = normalizeContentType(input.contentType);
  if (!allowed.includes(declared)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `A ${purpose.replace('_', ' ')} must be sent as ${allowed.join(', ')}`);
  }
  if (input.bytes.length === 0) throw new AppError('VALIDATION_ERROR', 'The file is empty');
  const max = deps.config.storage.maxUploadBytes;
  if (input.bytes.length > max) throw new AppError('PAYLOAD_TOO_LARGE', `A file may be at most ${max} bytes`);
  // Security: trust the bytes, not the header; a mismatch is refused rather than relabelled.
  const detected = detectFileType(input.bytes);
  if (detected !== declared) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `The file's content is not ${declared}`);
  }

  // Storage costs money and disk: one account cannot fill it.
  await enforceRateLimit(deps, { key: `upload:user:${actor.userId}`, limit: UPLOADS_PER_USER_PER_HOUR, windowSeconds: 3600 });
  const id = newId();
  const storageKey = `${purpose}/${id}`;
  const storage = fileStorageOf(deps);
  await storage.put(storageKey, input.bytes, detected);
  try {
    return await withTransaction(deps.db, async (tx) => {
      const now = deps.clock.now();
      const [row] = await tx
        .insert(schema.storedFiles)
        .values({
          id,
          ownerUserId: actor.userId,
          purpose,
          storageKey,
          contentType: detected,
          sizeBytes: input.bytes.length,
          sha256: createHash('sha256').update(input.bytes).digest('hex'),
          createdAt: now,
        })
        .returning();
      if (!row) throw new Error('stored_files insert returned nothing');
      await recordAudit(tx, now, origin, {
        actorUserId: actor.userId,
        action: 'file.uploaded',
        subjectType: 'file',
        subjectId: id,
        after: { purpose, contentType: detected, sizeBytes: row.sizeBytes },
      });
      return toPublicFile(row);
    });
  } catch (error) {
    await storage.delete(storageKey).catch(() => {});
    throw error;
  }
}
