import type { schema } from '@fareway/db';
import type { SeatLayoutCell } from '@fareway/db/schema';

export type SeatLayoutRow = typeof schema.seatLayouts.$inferSelect;
export type BusRow = typeof schema.buses.$inferSelect;
export type RouteRow = typeof schema.routes.$inferSelect;
export type RouteStopRow = typeof schema.routeStops.$inferSelect;

export interface PublicSeatLayout {
  id: string;
  organizationId: string;
  name: string;
  rows: number;
  columns: number;
  seatCount: number;
  cells: SeatLayoutCell[];
  createdAt: string;
}

export interface PublicBus {
  id: string;
  organizationId: string;
  name: string;
  registrationNumber: string;
  layoutId: string;
  seatCount: number;
  createdAt: string;
}

export interface PublicRouteStop {
  position: number;
  name: string;
  city: string;
  latitude: number | null;
  longitude: number | null;
  arriveOffsetMinutes: number;
  departOffsetMinutes: number;
  fareToNextMinor: number | null;
}

export interface PublicRoute {
  id: string;
  organizationId: string;
  name: string;
  currency: string;
  stops: PublicRouteStop[];
  createdAt: string;
}

export function toPublicSeatLayout(row: SeatLayoutRow): PublicSeatLayout {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    rows: row.rows,
    columns: row.columns,
    seatCount: row.seatCount,
    cells: row.cells,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPublicBus(row: BusRow, seatCount: number): PublicBus {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    registrationNumber: row.registrationNumber,
    layoutId: row.layoutId,
    seatCount,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toPublicRoute(row: RouteRow, stops: RouteStopRow[]): PublicRoute {
  return {
    id: row.id,
    organizationId: row.organizationId,
    name: row.name,
    currency: row.currency,
    stops: stops
      .filter((s) => s.routeId === row.id)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({
        position: s.position,
        name: s.name,
        city: s.city,
        latitude: s.latitude,
        longitude: s.longitude,
        arriveOffsetMinutes: s.arriveOffsetMinutes,
        departOffsetMinutes: s.departOffsetMinutes,
        fareToNextMinor: s.fareToNextMinor,
      })),
    createdAt: row.createdAt.toISOString(),
  };
}
