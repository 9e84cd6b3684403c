import type { Deps } from '../deps';
import { ensureAdmin } from '../identity/ensure-admin';
import { demoVehiclePhotosSeeder } from '../rentals/seed-demo-vehicle-photos';
import { demoVehiclesSeeder } from '../rentals/seed-demo-vehicles';
import { demoOperatorLogosSeeder } from '../trips/seed-demo-operator-logos';
import { demoTrips } from '../trips/seed-demo-trips';

/** One idempotent seeder per area; each feature adds its own (vehicles, trips, ...). */
export interface Seeder {
  name: string;
  run(deps: Deps): Promise<{ created: number }>;
}

/** Demo sign-in for the admin console; only ever seeded where demo data is (never in production by default). */
export const DEMO_ADMIN = { email: 'admin@demo.fareway', password: 'fareway-demo-admin' } as const;

const demoAdmin: Seeder = {
  name: 'demo-admin',
  async run(deps) {
    // Skip when any admin exists (a real one from ADMIN_EMAIL, or this one from an earlier start).
    const [row] = await deps.db.$client<Array<{ n: number }>>`select count(*)::int as n from users where 'admin' = any(roles)`;
    if ((row?.n ?? 0) > 0) return { created: 0 };
    await ensureAdmin(deps, { ...DEMO_ADMIN, name: 'Demo Admin' });
    return { created: 1 };
  },
};

export const demoSeeders: Seeder[] = [demoAdmin, demoVehiclesSeeder, demoVehiclePhotosSeeder, demoTrips, demoOperatorLogosSeeder];

/** Runs every seeder in order; safe to run on every start (each skips what exists). */
export async function seedDemo(deps: Deps, seeders: Seeder[] = demoSeeders): Promise<Array<{ name: string; created: number }>> {
  const results: Array<{ name: string; created: number }> = [];
  for (const seeder of seeders) {
    const { created } = await seeder.run(deps);
    results.push({ name: seeder.name, created });
    if (created > 0) deps.log.info({ seeder: seeder.name, created }, 'demo data seeded');
  }
  return results;
}
