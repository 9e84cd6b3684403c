import { schema, withTransaction } from '@fareway/db';
import { decideVehicleTransition, nextVehicleState } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadVehicleFor } from './load-vehicle-for';
import { type PublicVehicle, toPublicVehicle } from './public-vehicle';
import { KEY_FACTS, type VehicleFields, validateVehicleFields } from './vehicle-fields';

/**
 * The owner edits a draft, rejected or approved listing (not one under review
 * or suspended). Changing a key fact of an approved one (KEY_FACTS) sends it
 * back to review, out of search, until an admin approves it again; bookings
 * already made stand.
 */
export async function updateVehicle(
  deps: Deps,
  actor: Actor,
  input: { vehicleId: string; changes: Partial<VehicleFields> },
  origin: RequestOrigin,
): Promise<PublicVehicle> {
  return withTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    const vehicle = await loadVehicleFor(tx, actor, input.vehicleId, { forUpdate: true });
    const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined)) as Partial<VehicleFields>;
    for (const key of ['make', 'model', 'city'] as const) if (changes[key] !== undefined) changes[key] = changes[key].trim();
    const current: VehicleFields = {
      make: vehicle.make,
      model: vehicle.model,
      year: vehicle.year,
      type: vehicle.type as VehicleFields['type'],
      seats: vehicle.seats,
      transmission: vehicle.transmission as VehicleFields['transmission'],
      fuel: vehicle.fuel as VehicleFields['fuel'],
      description: vehicle.description,
      city: vehicle.city,
      latitude: vehicle.latitude,
      longitude: vehicle.longitude,
      timeZone: vehicle.timeZone,
      dailyRateMinor: vehicle.dailyRateMinor,
      currency: vehicle.currency,
      bufferMinutes: vehicle.bufferMinutes,
    };
    const merged: VehicleFields = { ...current, ...changes };
    validateVehicleFields(merged, now);
    const changed = (Object.keys(changes) as (keyof VehicleFields)[]).filter((k) => merged[k] !== current[k]);
    const keyFactChanged = changed.some((k) => (KEY_FACTS as readonly string[]).includes(k));
    // Refuses edits while under review or suspended, whatever changed.
    decideVehicleTransition(vehicle.status, 'key_facts_changed');
    const status = keyFactChanged ? (nextVehicleState(vehicle.status, 'key_facts_changed') ?? vehicle.status) : vehicle.status;
    if (changed.length === 0) return toPublicVehicle(tx, vehicle);
    const [updated] = await tx
      .update(schema.vehicles)
      .set({ ...merged, status, updatedAt: now })
      .where(eq(schema.vehicles.id, vehicle.id))
      .returning();
    if (!updated) throw new Error('vehicle vanished while locked');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'vehicle.updated',
      subjectType: 'vehicle',
      subjectId: vehicle.id,
      before: { status: vehicle.status, ...Object.fromEntries(changed.map((k) => [k, current[k]])) },
      after: { status, ...Object.fromEntries(changed.map((k) => [k, merged[k]])) },
    });
    return toPublicVehicle(tx, updated);
  });
}
