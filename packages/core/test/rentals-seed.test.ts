import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DRIVERS, demoSeeders, demoVehiclesSeeder, searchVehicles, seedDemo } from '../src';
import { createTestDeps, type TestDeps } from '../src/testing';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.cleanup());

describe('the demo vehicles seeder', () => {
  it('is one of the demo seeders, idempotent, and leaves approved cars to book in Colombo and Kandy', async () => {
    expect(demoSeeders).toContain(demoVehiclesSeeder);
    const expected = DEMO_DRIVERS.length + DEMO_DRIVERS.reduce((n, d) => n + d.vehicles.length, 0);
    expect(await demoVehiclesSeeder.run(deps)).toEqual({ created: expected });
    expect(await demoVehiclesSeeder.run(deps)).toEqual({ created: 0 });
    expect((await seedDemo(deps)).find((r) => r.name === 'demo-vehicles')).toEqual({ name: 'demo-vehicles', created: 0 });

    deps.clock.set('2026-03-01T00:00:00Z');
    const range = { start: new Date('2026-03-10T04:30:00Z'), end: new Date('2026-03-12T04:30:00Z'), page: 1, limit: 20 };
    const colombo = await searchVehicles(deps, { location: 'colombo', ...range });
    const kandy = await searchVehicles(deps, { location: 'Kandy', ...range });
    expect(colombo.meta.total).toBeGreaterThanOrEqual(3);
    expect(kandy.meta.total).toBeGreaterThanOrEqual(2);
    for (const v of [...colombo.items, ...kandy.items]) {
      expect(v).toMatchObject({ status: 'approved', currency: 'LKR', timeZone: 'Asia/Colombo', quote: { days: 2, currency: 'LKR' } });
    }
    const drivers = await deps.database.sql`select roles from users where phone in ${deps.database.sql(DEMO_DRIVERS.map((d) => d.phone))}`;
    expect(drivers.map((d) => d.roles)).toEqual([
      ['customer', 'driver'],
      ['customer', 'driver'],
    ]);
  });
});
