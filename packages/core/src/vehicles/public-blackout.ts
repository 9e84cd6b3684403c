import type { schema } from '@fareway/db';

export type OccupancyRow = typeof schema.vehicleOccupancies.$inferSelect;

/** A period the owner took the vehicle off the market (maintenance, personal use). */
export interface PublicBlackout {
  id: string;
  vehicleId: string;
  startDate: string;
  endDate: string;
  reason: string | null;
  createdAt: string;
}

export function toPublicBlackout(row: OccupancyRow): PublicBlackout {
  return {
    id: row.id,
    vehicleId: row.vehicleId,
    startDate: row.startsAt.toISOString(),
    endDate: row.endsAt.toISOString(),
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
  };
}
