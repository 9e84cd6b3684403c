import { FUELS, TRANSMISSIONS, VEHICLE_LIMITS, VEHICLE_TYPES } from '@fareway/core';
import { VEHICLE_STATES } from '@fareway/domain';
import { z } from 'zod';
import { PersonSchema } from '../back-office/back-office-schemas';

const Iso = z.iso.datetime({ offset: true });

export { DateTimeInput } from '../input-rules';

/** What an owner describes. The core checks the same again (and the zone against the IANA database). */
export const VehicleFieldsInput = z.object({
  make: z.string().trim().min(1).max(80),
  model: z.string().trim().min(1).max(80),
  year: z.number().int().min(VEHICLE_LIMITS.minYear).max(2100),
  type: z.enum(VEHICLE_TYPES),
  seats: z.number().int().min(VEHICLE_LIMITS.seats.min).max(VEHICLE_LIMITS.seats.max),
  transmission: z.enum(TRANSMISSIONS),
  fuel: z.enum(FUELS),
  description: z.string().trim().max(2000).nullable().default(null),
  city: z.string().trim().min(1).max(80),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
  timeZone: z.string().min(1).max(64).describe('IANA zone, e.g. Asia/Colombo: rental days are counted on its wall clock'),
  dailyRateMinor: z.number().int().positive().max(VEHICLE_LIMITS.maxDailyRateMinor),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as LKR'),
  bufferMinutes: z
    .number()
    .int()
    .min(VEHICLE_LIMITS.bufferMinutes.min)
    .max(VEHICLE_LIMITS.bufferMinutes.max)
    .default(0)
    .describe('Minutes the vehicle stays blocked after each rental'),
});

export const VehicleSchema = z.object({
  id: z.uuid(),
  ownerUserId: z.uuid(),
  make: z.string(),
  model: z.string(),
  year: z.number().int(),
  type: z.enum(VEHICLE_TYPES),
  seats: z.number().int(),
  transmission: z.enum(TRANSMISSIONS),
  fuel: z.enum(FUELS),
  description: z.string().nullable(),
  city: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  timeZone: z.string(),
  dailyRateMinor: z.number().int(),
  dailyRate: z.number().describe('Major units of dailyRateMinor'),
  currency: z.string(),
  bufferMinutes: z.number().int(),
  status: z.enum(VEHICLE_STATES),
  reviewReason: z.string().nullable().describe('Why it was rejected or suspended (owner and admins only)'),
  photos: z.array(z.object({ fileId: z.uuid(), url: z.string(), position: z.number().int() })),
  createdAt: Iso,
  updatedAt: Iso,
});

/** A vehicle in the admin's review queue: its owner named, with the papers they gave when applying to drive. */
export const ReviewVehicleSchema = VehicleSchema.extend({
  owner: PersonSchema,
  ownerDocuments: z
    .array(z.object({ kind: z.string(), fileId: z.uuid(), url: z.string() }))
    .describe('The owner’s latest driver application documents (served to admins through /files/{id})'),
});

export const VehicleSearchResultSchema = VehicleSchema.extend({
  quote: z
    .object({
      days: z.number().int(),
      totalMinor: z.number().int(),
      totalPrice: z.number().describe('Major units; use totalMinor'),
      currency: z.string(),
    })
    .nullable()
    .describe('The price of the searched range (null without dates)'),
});

export const BlackoutSchema = z.object({
  id: z.uuid(),
  vehicleId: z.uuid(),
  startDate: Iso,
  endDate: Iso,
  reason: z.string().nullable(),
  createdAt: Iso,
});

export const VehicleIdInput = z.object({ id: z.uuid() });
