import { z } from 'zod';

const Iso = z.iso.datetime({ offset: true });

export const LayoutCellSchema = z.object({
  row: z.number().int().min(1).max(40).describe('1-based'),
  column: z.number().int().min(1).max(10).describe('1-based'),
  kind: z.enum(['seat', 'aisle', 'unavailable']),
  label: z.string().trim().min(1).max(8).optional().describe('Seats only: "1A"'),
  seatClass: z.string().trim().min(1).max(32).optional().describe('Seats only, e.g. "recliner"'),
});

export const SeatLayoutSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  rows: z.number().int(),
  columns: z.number().int(),
  seatCount: z.number().int(),
  cells: z.array(LayoutCellSchema),
  createdAt: Iso,
});

export const BusSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  registrationNumber: z.string(),
  layoutId: z.uuid(),
  seatCount: z.number().int(),
  createdAt: Iso,
});

export const RouteStopInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  city: z.string().trim().min(1).max(100),
  latitude: z.number().min(-90).max(90).nullable().optional(),
  longitude: z.number().min(-180).max(180).nullable().optional(),
  arriveOffsetMinutes: z.number().int().min(0).max(2880).describe('Minutes after the trip starts; 0 for the first stop'),
  departOffsetMinutes: z.number().int().min(0).max(2880),
  fareToNextMinor: z.number().int().min(0).max(100_000_000).nullable().optional().describe('Fare to the next stop; omit on the last'),
});

export const RouteSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  name: z.string(),
  currency: z.string().length(3),
  stops: z.array(
    z.object({
      position: z.number().int(),
      name: z.string(),
      city: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      arriveOffsetMinutes: z.number().int(),
      departOffsetMinutes: z.number().int(),
      fareToNextMinor: z.number().int().nullable(),
    }),
  ),
  createdAt: Iso,
});
