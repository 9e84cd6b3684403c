import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_DRIVERS,
  demoSeeders,
  demoVehiclePhotosSeeder,
  demoVehiclesSeeder,
  detectFileType,
  fileStorageOf,
  searchVehicles,
  seedDemo,
} from '../src';
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

  it('gives every demo car a photo drawn at seed time, stored like an upload, once', async () => {
    expect(demoSeeders.indexOf(demoVehiclePhotosSeeder)).toBe(demoSeeders.indexOf(demoVehiclesSeeder) + 1);
    const cars = DEMO_DRIVERS.reduce((n, d) => n + d.vehicles.length, 0);
    // The first test's seedDemo drew them already; a car that loses its photos gets one again, and only it.
    expect(await demoVehiclePhotosSeeder.run(deps)).toEqual({ created: 0 });
    await deps.database.sql`delete from vehicle_photos where vehicle_id = (select id from vehicles order by id limit 1)`;
    expect(await demoVehiclePhotosSeeder.run(deps)).toEqual({ created: 1 });
    const rows = await deps.database.sql<Array<{ storage_key: string; content_type: string; size_bytes: string }>>`
      select f.storage_key, f.content_type, f.size_bytes::text from vehicle_photos p join stored_files f on f.id = p.file_id`;
    expect(rows).toHaveLength(cars);
    const stored = await fileStorageOf(deps).get(rows[0]?.storage_key as string);
    const chunks: Buffer[] = [];
    for await (const chunk of stored?.body ?? []) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(detectFileType(bytes)).toBe('image/png');
    expect(bytes.length).toBe(Number(rows[0]?.size_bytes));
    const found = await searchVehicles(deps, { location: 'Kandy', page: 1, limit: 20 });
    expect(found.items.every((v) => v.photos.length === 1)).toBe(true);
  });
});
