import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The code printed as the e-ticket's QR: `FW1.<booking id, base64url>.<MAC, base64url>`, the MAC
 * being the first 128 bits of HMAC-SHA256 over the booking id under a key derived from
 * AUTH_SECRET. Anyone can read the booking id from it; only the server can make one, so a
 * scanned code proves the booking was issued by Fareway (its state is read at scan time).
 */
const PREFIX = 'FW1';
const MAC_BYTES = 16;

function ticketKey(secret: string): Buffer {
  // A key of its own, so a ticket MAC can never be replayed as an OTP hash or a sealed secret.
  return createHmac('sha256', secret).update('fareway:ticket-code:v1').digest();
}

function idBytes(bookingId: string): Buffer {
  return Buffer.from(bookingId.replaceAll('-', ''), 'hex');
}

function macOf(secret: string, id: Buffer): Buffer {
  return createHmac('sha256', ticketKey(secret)).update(id).digest().subarray(0, MAC_BYTES);
}

export function signTicketCode(secret: string, bookingId: string): string {
  const id = idBytes(bookingId);
  return `${PREFIX}.${id.toString('base64url')}.${macOf(secret, id).toString('base64url')}`;
}

/** The booking id a genuine code names, or null for anything else (malformed, altered, forged). */
export function verifyTicketCode(secret: string, code: string): string | null {
  const parts = code.trim().split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX) return null;
  const id = Buffer.from(parts[1] ?? '', 'base64url');
  const mac = Buffer.from(parts[2] ?? '', 'base64url');
  if (id.length !== 16 || mac.length !== MAC_BYTES) return null;
  // Security: constant-time comparison, so a MAC cannot be found a byte at a time.
  if (!timingSafeEqual(mac, macOf(secret, id))) return null;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
