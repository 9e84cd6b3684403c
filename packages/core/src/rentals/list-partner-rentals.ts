import { schema } from '@fareway/db';
import type { BookingStatus } from '@fareway/domain';
import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { type PublicBooking, toPublicBookings } from '../bookings/public-booking';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from '../vehicles/load-vehicle-for';

/** A rental as the vehicle's owner sees it: which car (by name, never a bare id), who rents it, once they have paid. */
export type PartnerRental = PublicBooking & {
  vehicle: { id: string; make: string; model: string; year: number } | null;
  customer: { name: string | null; phone: string | null } | null;
};

const PAID: BookingStatus[] = ['confirmed', 'active', 'completed'];

/**
 * The owner's view of rentals: of one vehicle (`GET /vehicles/{id}/bookings`,
 * owner or admin) or of all their vehicles (`GET /driver/bookings`), latest start first.
 */
export async function listPartnerRentals(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { vehicleId?: string; status?: BookingStatus; page: number; limit: number },
): Promise<Page<PartnerRental>> {
  const b = schema.bookings;
  const filters: SQL[] = [eq(b.kind, 'rental')];
  if (input.vehicleId) {
    const vehicle = await loadVehicleFor(deps.db, actor, input.vehicleId, { admin: true });
    filters.push(eq(b.vehicleId, vehicle.id));
  } else {
    // Through the owner's vehicles, so bookings_vehicle_idx serves it.
    const mine = deps.db.select({ id: schema.vehicles.id }).from(schema.vehicles).where(eq(schema.vehicles.ownerUserId, actor.userId));
    filters.push(inArray(b.vehicleId, mine));
  }
  if (input.status) filters.push(eq(b.status, input.status));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({
        booking: b,
        name: schema.users.name,
        phone: schema.users.phone,
        vehicle: { id: schema.vehicles.id, make: schema.vehicles.make, model: schema.vehicles.model, year: schema.vehicles.year },
      })
      .from(b)
      .innerJoin(schema.users, eq(schema.users.id, b.customerId))
      .leftJoin(schema.vehicles, eq(schema.vehicles.id, b.vehicleId))
      .where(where)
      .orderBy(desc(b.startsAt), desc(b.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(b).where(where),
  ]);
  const bookings = await toPublicBookings(
    deps.db,
    rows.map((r) => r.booking),
  );
  const items = bookings.map((booking, i): PartnerRental => {
    const row = rows[i];
    // Privacy: a customer's contact goes to the owner only once the rental is paid for.
    const customer = row && PAID.includes(booking.status) ? { name: row.name, phone: row.phone } : null;
    return { ...booking, vehicle: row?.vehicle ?? null, customer };
  });
  return { items, meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
