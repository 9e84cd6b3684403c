import type { Deps } from '../deps';

/** One idempotent seeder per area; each feature adds its own (vehicles, trips, ...). */
export interface Seeder {
  name: string;
  run(deps: Deps): Promise<{ created: number }>;
}

export const demoSeeders: Seeder[] = [];

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
