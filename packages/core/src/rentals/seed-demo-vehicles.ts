import { newId, schema, withTransaction } from '@fareway/db';
import { and, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Seeder } from '../seed/seed-demo';
import type { VehicleFields } from '../vehicles/vehicle-fields';

type DemoVehicle = Omit<VehicleFields, 'timeZone' | 'currency' | 'latitude' | 'longitude'> & { latitude: number; longitude: number };

const COLOMBO = { city: 'Colombo', latitude: 6.9271, longitude: 79.8612 };
const KANDY = { city: 'Kandy', latitude: 7.2906, longitude: 80.6337 };

/** Two demo drivers (phone sign-in; codes appear in the log with SMS_PROVIDER=console) and their approved cars. */
export const DEMO_DRIVERS: { phone: string; name: string; vehicles: DemoVehicle[] }[] = [
  {
    phone: '+94770009001',
    name: 'Nimal Perera (demo driver)',
    vehicles: [
      {
        make: 'Toyota',
        model: 'Aqua',
        year: 2019,
        type: 'car',
        seats: 4,
        transmission: 'automatic',
        fuel: 'hybrid',
        description: 'Economical city hybrid, air conditioned.',
        dailyRateMinor: 950_000,
        bufferMinutes: 60,
        ...COLOMBO,
      },
      {
        make: 'Suzuki',
        model: 'Wagon R',
        year: 2020,
        type: 'car',
        seats: 4,
        transmission: 'automatic',
        fuel: 'petrol',
        description: 'Small and easy to park in Colombo traffic.',
        dailyRateMinor: 700_000,
        bufferMinutes: 60,
        ...COLOMBO,
        latitude: 6.8966,
        longitude: 79.8553,
      },
      {
        make: 'Toyota',
        model: 'HiAce KDH',
        year: 2018,
        type: 'van',
        seats: 14,
        transmission: 'manual',
        fuel: 'diesel',
        description: 'High-roof van for families and groups.',
        dailyRateMinor: 2_200_000,
        bufferMinutes: 120,
        ...COLOMBO,
        latitude: 6.9147,
        longitude: 79.8731,
      },
      {
        make: 'Honda',
        model: 'Vezel',
        year: 2018,
        type: 'suv',
        seats: 5,
        transmission: 'automatic',
        fuel: 'hybrid',
        description: 'Compact SUV, roomy boot.',
        dailyRateMinor: 1_400_000,
        bufferMinutes: 60,
        ...COLOMBO,
        latitude: 6.9022,
        longitude: 79.8607,
      },
    ],
  },
  {
    phone: '+94770009002',
    name: 'Kumari Bandara (demo driver)',
    vehicles: [
      {
        make: 'Toyota',
        model: 'Prius',
        year: 2017,
        type: 'car',
        seats: 4,
        transmission: 'automatic',
        fuel: 'hybrid',
        description: 'Comfortable for the hill country roads.',
        dailyRateMinor: 1_200_000,
        bufferMinutes: 90,
        ...KANDY,
      },
      {
        make: 'Nissan',
        model: 'Leaf',
        year: 2018,
        type: 'car',
        seats: 4,
        transmission: 'automatic',
        fuel: 'electric',
        description: 'Electric; charger at the pickup point.',
        dailyRateMinor: 1_000_000,
        bufferMinutes: 180,
        ...KANDY,
        latitude: 7.2936,
        longitude: 80.6413,
      },
      {
        make: 'Toyota',
        model: 'Land Cruiser Prado',
        year: 2016,
        type: 'suv',
        seats: 7,
        transmission: 'automatic',
        fuel: 'diesel',
        description: 'Seven seats, four-wheel drive, for estates and Knuckles trips.',
        dailyRateMinor: 3_000_000,
        bufferMinutes: 120,
        ...KANDY,
        latitude: 7.2844,
        longitude: 80.6372,
      },
    ],
  },
];

/** Idempotent: drivers are found by phone, vehicles by owner + make + model; only what is missing is created. */
export const demoVehiclesSeeder: Seeder = {
  name: 'demo-vehicles',
  async run(deps: Deps) {
    let created = 0;
    for (const driver of DEMO_DRIVERS) {
      created += await withTransaction(deps.db, async (tx) => {
        const now = deps.clock.now();
        let made = 0;
        let [user] = await tx.select().from(schema.users).where(eq(schema.users.phone, driver.phone)).limit(1);
        if (!user) {
          [user] = await tx
            .insert(schema.users)
            .values({
              id: newId(),
              phone: driver.phone,
              name: driver.name,
              roles: ['customer', 'driver'],
              status: 'active',
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          made++;
        }
        if (!user) throw new Error('demo driver insert returned nothing');
        for (const vehicle of driver.vehicles) {
          const [existing] = await tx
            .select({ id: schema.vehicles.id })
            .from(schema.vehicles)
            .where(
              and(
                eq(schema.vehicles.ownerUserId, user.id),
                eq(schema.vehicles.make, vehicle.make),
                eq(schema.vehicles.model, vehicle.model),
              ),
            )
            .limit(1);
          if (existing) continue;
          await tx.insert(schema.vehicles).values({
            id: newId(),
            ownerUserId: user.id,
            ...vehicle,
            timeZone: 'Asia/Colombo',
            currency: 'LKR',
            status: 'approved',
            reviewReason: null,
            reviewedAt: now,
            createdAt: now,
            updatedAt: now,
          });
          made++;
        }
        return made;
      });
    }
    return { created };
  },
};
