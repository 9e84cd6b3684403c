/** What an upload may be, by purpose. Driver documents may also be PDF scans. */
export const UPLOAD_TYPES = {
  vehicle_photo: ['image/jpeg', 'image/png', 'image/webp'],
  driver_document: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
} as const satisfies Record<string, readonly string[]>;

export type UploadContentType = (typeof UPLOAD_TYPES)['driver_document'][number];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The type the bytes themselves say they are (magic numbers), whatever the
 * request's Content-Type claims: a client cannot pass HTML or a script off as a photo.
 */
export function detectFileType(bytes: Uint8Array): UploadContentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  // RIFF <size> WEBP
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/** `image/PNG; charset=x` → `image/png`. */
export function normalizeContentType(header: string | null | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
