import { AppError, type ErrorDetail, isValidTimeZone } from '@fareway/domain';

export const VEHICLE_TYPES = ['car', 'suv', 'van', 'minibus', 'pickup', 'motorbike', 'tuk_tuk'] as const;
export const TRANSMISSIONS = ['automatic', 'manual'] as const;
export const FUELS = ['petrol', 'diesel', 'hybrid', 'electric'] as const;

/** What an owner describes; everything a customer filters, prices or travels by. */
export interface VehicleFields {
  make: string;
  model: string;
  year: number;
  type: (typeof VEHICLE_TYPES)[number];
  seats: number;
  transmission: (typeof TRANSMISSIONS)[number];
  fuel: (typeof FUELS)[number];
  description: string | null;
  city: string;
  latitude: number | null;
  longitude: number | null;
  timeZone: string;
  dailyRateMinor: number;
  currency: string;
  bufferMinutes: number;
}

/**
 * Facts an admin approved and a customer relies on: changing one on an approved
 * listing sends it back to review. The rate, buffer, description and exact
 * coordinates are the owner's to adjust while it stays listed (bookings
 * already made keep their snapshotted price and blocked period).
 */
export const KEY_FACTS = ['make', 'model', 'year', 'type', 'seats', 'transmission', 'fuel', 'city', 'timeZone'] as const;

const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

export const VEHICLE_LIMITS = {
  minYear: 1950,
  seats: { min: 1, max: 100 },
  bufferMinutes: { min: 0, max: 10_080 },
  /** A day's rate, in minor units (10 million major units is beyond any car). */
  maxDailyRateMinor: 1_000_000_000,
} as const;

/**
 * The checks the database's CHECK constraints would make, and the ones it
 * cannot (a real IANA zone, a year not in the future), made first so a client
 * gets VALIDATION_ERROR with every offending field rather than a 500.
 */
export function validateVehicleFields(fields: VehicleFields, now: Date): void {
  const details: ErrorDetail[] = [];
  const bad = (path: string, message: string) => details.push({ path, message });
  const text = (path: 'make' | 'model' | 'city', value: string | undefined) => {
    if (value !== undefined && (value.trim().length === 0 || value.length > 80)) bad(path, `${path} must be 1–80 characters`);
  };
  text('make', fields.make);
  text('model', fields.model);
  text('city', fields.city);
  const maxYear = now.getUTCFullYear() + 1;
  if (fields.year !== undefined && !(Number.isInteger(fields.year) && fields.year >= VEHICLE_LIMITS.minYear && fields.year <= maxYear))
    bad('year', `year must be between ${VEHICLE_LIMITS.minYear} and ${maxYear}`);
  if (fields.type !== undefined && !VEHICLE_TYPES.includes(fields.type)) bad('type', `type must be one of ${VEHICLE_TYPES.join(', ')}`);
  if (fields.transmission !== undefined && !TRANSMISSIONS.includes(fields.transmission))
    bad('transmission', `transmission must be one of ${TRANSMISSIONS.join(', ')}`);
  if (fields.fuel !== undefined && !FUELS.includes(fields.fuel)) bad('fuel', `fuel must be one of ${FUELS.join(', ')}`);
  const { seats, bufferMinutes } = VEHICLE_LIMITS;
  if (fields.seats !== undefined && !(Number.isInteger(fields.seats) && fields.seats >= seats.min && fields.seats <= seats.max))
    bad('seats', `seats must be a whole number from ${seats.min} to ${seats.max}`);
  if (
    fields.bufferMinutes !== undefined &&
    !(Number.isInteger(fields.bufferMinutes) && fields.bufferMinutes >= bufferMinutes.min && fields.bufferMinutes <= bufferMinutes.max)
  )
    bad('bufferMinutes', `bufferMinutes must be a whole number from ${bufferMinutes.min} to ${bufferMinutes.max}`);
  // Names only (Asia/Colombo, UTC): Intl would also take offsets such as +05:30, which know no DST rules.
  if (fields.timeZone !== undefined && !(IANA_NAME.test(fields.timeZone) && isValidTimeZone(fields.timeZone)))
    bad('timeZone', 'timeZone must be an IANA zone such as Asia/Colombo');
  if (fields.currency !== undefined && !/^[A-Z]{3}$/.test(fields.currency))
    bad('currency', 'currency must be an ISO 4217 code such as LKR');
  if (
    fields.dailyRateMinor !== undefined &&
    !(Number.isSafeInteger(fields.dailyRateMinor) && fields.dailyRateMinor > 0 && fields.dailyRateMinor <= VEHICLE_LIMITS.maxDailyRateMinor)
  )
    bad('dailyRateMinor', 'dailyRateMinor must be a positive whole number of minor units');
  if (fields.latitude != null && !(Number.isFinite(fields.latitude) && fields.latitude >= -90 && fields.latitude <= 90))
    bad('latitude', 'latitude must be between -90 and 90');
  if (fields.longitude != null && !(Number.isFinite(fields.longitude) && fields.longitude >= -180 && fields.longitude <= 180))
    bad('longitude', 'longitude must be between -180 and 180');
  if ((fields.latitude == null) !== (fields.longitude == null)) bad('latitude', 'give both latitude and longitude, or neither');
  if (fields.description != null && fields.description.length > 2000) bad('description', 'description must be at most 2000 characters');
  if (details.length > 0) throw new AppError('VALIDATION_ERROR', details.map((d) => d.message).join('; '), { details });
}
