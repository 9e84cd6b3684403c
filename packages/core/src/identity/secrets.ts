import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';

/** A session token: 160 random bits, base32 (as lucia-auth.com teaches). Only its hash is stored. */
export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** The session id stored server-side: hex SHA-256 of the token (node:crypto's, a fraction of a pure-JS hash's cost on every request). */
export function sessionIdFromToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Six digits from a CSPRNG, uniformly (randomInt has no modulo bias). */
export function generateOtpCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/**
 * A keyed hash of a code: a leaked table cannot be brute-forced over the
 * million possible codes without the secret, which is not in the database.
 */
export function hashOtpCode(secret: string, phone: string, code: string): string {
  return createHmac('sha256', secret).update(`otp:${phone}:${code}`).digest('hex');
}

// One constant-time comparison of secrets of any length for every package (the gateways' own).
export { constantTimeEqual } from '@fareway/gateways';

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

function sealingKey(secret: string): Buffer {
  return createHash('sha256').update(`seal:${secret}`).digest();
}

/**
 * Encrypts a secret that must wait in the database for a worker (an SMS with a
 * code in it): AES-256-GCM under a key derived from AUTH_SECRET.
 */
export function sealSecret(secret: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `sealed:v1:${iv.toString('base64url')}:${body.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}`;
}

export function isSealed(value: string): boolean {
  return value.startsWith('sealed:v1:');
}

export function openSecret(secret: string, sealed: string): string {
  const [, , iv, body, tag] = sealed.split(':');
  if (!iv || !body || !tag) throw new Error('not a sealed value');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(secret), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
