/** What `POST /api/v1/files` answers (the stored file, as its owner sees it). */
export interface UploadedFile {
  id: string;
  purpose: 'vehicle_photo' | 'driver_document';
  contentType: string;
  sizeBytes: number;
  url: string;
}

/**
 * A failed upload, shaped like a tRPC client error (`data.appCode`,
 * `data.retryAfterSeconds`) so `problemOf` reads it like any other.
 */
export class UploadError extends Error {
  readonly data: { appCode: string; httpStatus: number; retryAfterSeconds?: number; details?: unknown };
  constructor(message: string, data: UploadError['data']) {
    super(message);
    this.name = 'UploadError';
    this.data = data;
  }
}

/**
 * Sends a file's raw bytes to the upload route (JSON-only tRPC cannot carry
 * them); the session cookie goes along. The server checks type by content and size.
 */
export async function uploadFile(file: File, purpose: UploadedFile['purpose']): Promise<UploadedFile> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/files?purpose=${purpose}`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
  } catch {
    // No server answer: problemOf words this as "could not reach Fareway".
    throw new Error('network');
  }
  const body = (await response.json().catch(() => null)) as
    | { success: true; data: UploadedFile }
    | { success: false; error: { code: string; message: string; details?: unknown } }
    | null;
  if (body?.success) return body.data;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new UploadError(body?.error.message ?? `Upload failed (HTTP ${response.status})`, {
    appCode: body?.error.code ?? 'INTERNAL_ERROR',
    httpStatus: response.status,
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    ...(body?.error.details === undefined ? {} : { details: body.error.details }),
  });
}
