import { Buffer } from 'node:buffer';

/** A real 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
/** The first bytes of a JPEG (JFIF) and of a WebP: enough for the magic-number check. */
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0rest-of-jpeg')]);
export const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x1a, 0, 0, 0]), Buffer.from('WEBPVP8 rest-of-webp')]);
export const PDF = Buffer.from('%PDF-1.4\n%scan of a licence\n');
export const HTML = Buffer.from('<html><script>alert(1)</script></html>');

/** The vehicle fields a test does not care about. */
export const SAMPLE_VEHICLE = {
  make: 'Toyota',
  model: 'Aqua',
  year: 2020,
  type: 'car',
  seats: 4,
  transmission: 'automatic',
  fuel: 'hybrid',
  description: null,
  city: 'Colombo',
  latitude: 6.9271,
  longitude: 79.8612,
  timeZone: 'Asia/Colombo',
  dailyRateMinor: 950_000,
  currency: 'LKR',
  bufferMinutes: 60,
} as const;
