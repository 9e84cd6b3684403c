import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { toMajorUnits, type VehicleState } from '@fareway/domain';
import { asc, inArray } from 'drizzle-orm';
import { fileUrl } from '../storage/public-file';
import type { VehicleFields } from './vehicle-fields';

export type VehicleRow = typeof schema.vehicles.$inferSelect;

export interface PublicVehicle extends VehicleFields {
  id: string;
  ownerUserId: string;
  /** Major units of dailyRateMinor, for clients that display it directly. */
  dailyRate: number;
  status: VehicleState;
  /** Why an admin rejected or suspended it (shown to its owner and admins only). */
  reviewReason: string | null;
  photos: { fileId: string; url: string; position: number }[];
  createdAt: string;
  updatedAt: string;
}

/** Maps vehicles with their photos (one query for all of them). `privileged`: the owner or an admin is looking. */
export async function toPublicVehicles(
  tx: DatabaseOrTransaction,
  rows: VehicleRow[],
  privileged: (row: VehicleRow) => boolean,
): Promise<PublicVehicle[]> {
  if (rows.length === 0) return [];
  const photos = await tx
    .select()
    .from(schema.vehiclePhotos)
    .where(
      inArray(
        schema.vehiclePhotos.vehicleId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(schema.vehiclePhotos.position));
  return rows.map((row) => ({
    id: row.id,
    ownerUserId: row.ownerUserId,
    make: row.make,
    model: row.model,
    year: row.year,
    type: row.type as VehicleFields['type'],
    seats: row.seats,
    transmission: row.transmission as VehicleFields['transmission'],
    fuel: row.fuel as VehicleFields['fuel'],
    description: row.description,
    city: row.city,
    latitude: row.latitude,
    longitude: row.longitude,
    timeZone: row.timeZone,
    dailyRateMinor: row.dailyRateMinor,
    dailyRate: toMajorUnits(row.dailyRateMinor, row.currency),
    currency: row.currency,
    bufferMinutes: row.bufferMinutes,
    status: row.status,
    reviewReason: privileged(row) ? row.reviewReason : null,
    photos: photos.filter((p) => p.vehicleId === row.id).map((p) => ({ fileId: p.fileId, url: fileUrl(p.fileId), position: p.position })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function toPublicVehicle(tx: DatabaseOrTransaction, row: VehicleRow, privileged = true): Promise<PublicVehicle> {
  const [vehicle] = await toPublicVehicles(tx, [row], () => privileged);
  if (!vehicle) throw new Error('unreachable: one row in, one vehicle out');
  return vehicle;
}
