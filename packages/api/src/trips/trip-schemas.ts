import { TRIP_STATES } from '@fareway/domain';
import { z } from 'zod';
import { LayoutCellSchema } from '../operators/operator-schemas';

/** The operator beside a trip: its name, and its logo when it has one. */
export const OperatorSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  logoUrl: z.string().nullable().describe("The operator's logo (GET, public while the operator is approved); null without one"),
});

const Iso = z.iso.datetime({ offset: true });

export const TripSearchResultSchema = z.object({
  id: z.uuid(),
  status: z.enum(['scheduled', 'boarding']),
  routeName: z.string(),
  operator: OperatorSchema,
  busName: z.string(),
  timeZone: z.string(),
  currency: z.string().length(3),
  fromStop: z.number().int(),
  toStop: z.number().int(),
  departsAt: Iso.describe('Departure from the origin stop'),
  arrivesAt: Iso.describe('Arrival at the destination stop'),
  origin: z.object({ position: z.number().int(), name: z.string(), city: z.string() }),
  destination: z.object({ position: z.number().int(), name: z.string(), city: z.string() }),
  fareMinor: z.number().int().describe('Per seat, for this leg'),
  seatCount: z.number().int(),
  freeSeats: z.number().int().describe('Seats free for the whole leg'),
});

export const PublicTripSchema = z.object({
  id: z.uuid(),
  status: z.enum(TRIP_STATES),
  routeName: z.string(),
  operator: OperatorSchema,
  bus: z.object({ name: z.string(), registrationNumber: z.string() }),
  departsAt: Iso,
  arrivesAt: Iso,
  timeZone: z.string(),
  currency: z.string().length(3),
  stops: z.array(
    z.object({
      position: z.number().int(),
      name: z.string(),
      city: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      arrivesAt: Iso,
      departsAt: Iso,
      fareToNextMinor: z.number().int().nullable(),
      fareFromStartMinor: z.number().int().describe('A leg i→j costs fareFromStartMinor[j] − fareFromStartMinor[i] per seat'),
    }),
  ),
  fareMinor: z.number().int().describe('First stop to last, per seat'),
  layout: z.object({ rows: z.number().int(), columns: z.number().int(), seatCount: z.number().int(), cells: z.array(LayoutCellSchema) }),
  cancellationReason: z.string().nullable(),
});

const SeatState = z.enum(['free', 'held', 'sold']);

export const TripSeatMapSchema = z.object({
  tripId: z.uuid(),
  fromStop: z.number().int(),
  toStop: z.number().int(),
  fareMinor: z.number().int(),
  currency: z.string().length(3),
  seats: z.array(
    z.object({ seatNo: z.string(), row: z.number().int(), column: z.number().int(), seatClass: z.string().nullable(), state: SeatState }),
  ),
  counts: z.object({ free: z.number().int(), held: z.number().int(), sold: z.number().int() }),
});

export const OperatorTripSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid(),
  routeId: z.uuid(),
  routeName: z.string(),
  busId: z.uuid(),
  busName: z.string(),
  status: z.enum(TRIP_STATES),
  departsAt: Iso,
  arrivesAt: Iso,
  timeZone: z.string(),
  currency: z.string().length(3),
  stops: z.array(
    z.object({
      position: z.number().int(),
      name: z.string(),
      city: z.string(),
      arrivesAt: Iso,
      departsAt: Iso,
      fareToNextMinor: z.number().int().nullable(),
    }),
  ),
  seatCount: z.number().int(),
  cancelledAt: Iso.nullable(),
  cancellationReason: z.string().nullable(),
});

/** A 0-based stop index from a query string. */
export const StopIndex = z.coerce.number().int().min(0).max(1000);
