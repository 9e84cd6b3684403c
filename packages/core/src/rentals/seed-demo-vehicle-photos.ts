import { createHash } from 'node:crypto';
import { newId, schema, withTransaction } from '@fareway/db';
import { and, eq, inArray, notExists } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Seeder } from '../seed/seed-demo';
import { fileStorageOf } from '../storage/file-storage-of';
import { drawCarPhoto } from './draw-car-photo';
import { DEMO_DRIVERS } from './seed-demo-vehicles';

/**
 * A photo for every demo car that has none, drawn at seed time (draw-car-photo.ts) and stored like an
 * upload (the file storage, a stored_files row owned by the driver, a vehicle_photos row), so search,
 * the vehicle page and `GET /files/{id}` treat it like any driver's photo. Idempotent: cars that have
 * a photo are left alone.
 */
export const demoVehiclePhotosSeeder: Seeder = {
  name: 'demo-vehicle-photos',
  async run(deps: Deps) {
    const v = schema.vehicles;
    const bare = await deps.db
      .select({ id: v.id, ownerUserId: v.ownerUserId, make: v.make, model: v.model, type: v.type })
      .from(v)
      .innerJoin(schema.users, eq(schema.users.id, v.ownerUserId))
      .where(
        and(
          inArray(
            schema.users.phone,
            DEMO_DRIVERS.map((d) => d.phone),
          ),
          notExists(deps.db.select().from(schema.vehiclePhotos).where(eq(schema.vehiclePhotos.vehicleId, v.id))),
        ),
      );
    const storage = fileStorageOf(deps);
    for (const vehicle of bare) {
      const bytes = drawCarPhoto({ type: vehicle.type, seed: `${vehicle.make} ${vehicle.model}` });
      const id = newId();
      const storageKey = `vehicle_photo/${id}`;
      // The bytes first, then the rows (no I/O inside the transaction), as uploadFile does.
      await storage.put(storageKey, bytes, 'image/png');
      await withTransaction(deps.db, async (tx) => {
        const now = deps.clock.now();
        await tx.insert(schema.storedFiles).values({
          id,
          ownerUserId: vehicle.ownerUserId,
          purpose: 'vehicle_photo',
          storageKey,
          contentType: 'image/png',
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          createdAt: now,
        });
        await tx.insert(schema.vehiclePhotos).values({ vehicleId: vehicle.id, fileId: id, position: 0, createdAt: now });
      });
    }
    return { created: bare.length };
  },
};
