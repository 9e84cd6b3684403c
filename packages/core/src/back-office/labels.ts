import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { eq, inArray } from 'drizzle-orm';

/** Who a person is, as the console shows them: a name and how to reach them, never a bare id. */
export interface PersonLabel {
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
}

/** What a booking holds, named: "Toyota Aqua 2020 · Colombo" or "Colombo → Kandy · NB-1234". */
export interface InventoryLabel {
  id: string;
  label: string;
  /** Its IANA zone: times of what it holds are shown on that wall clock. */
  timeZone: string;
}

export interface OrganizationLabel {
  id: string;
  name: string;
}

/**
 * Names for the ids a back-office list carries (customers, vehicles, trips,
 * organisations), loaded in one query per kind for a whole page of rows, so a
 * list stays at a fixed number of round trips.
 */
export async function loadLabels(
  db: DatabaseOrTransaction,
  ids: {
    users?: Iterable<string | null>;
    vehicles?: Iterable<string | null>;
    trips?: Iterable<string | null>;
    organizations?: Iterable<string | null>;
  },
) {
  const distinct = (values: Iterable<string | null> | undefined) => [...new Set([...(values ?? [])].filter((v): v is string => !!v))];
  const userIds = distinct(ids.users);
  const vehicleIds = distinct(ids.vehicles);
  const tripIds = distinct(ids.trips);
  const organizationIds = distinct(ids.organizations);
  const [people, vehicles, trips, organizations] = await Promise.all([
    userIds.length === 0
      ? []
      : db
          .select({ id: schema.users.id, name: schema.users.name, phone: schema.users.phone, email: schema.users.email })
          .from(schema.users)
          .where(inArray(schema.users.id, userIds)),
    vehicleIds.length === 0
      ? []
      : db
          .select({
            id: schema.vehicles.id,
            make: schema.vehicles.make,
            model: schema.vehicles.model,
            year: schema.vehicles.year,
            city: schema.vehicles.city,
            timeZone: schema.vehicles.timeZone,
          })
          .from(schema.vehicles)
          .where(inArray(schema.vehicles.id, vehicleIds)),
    tripIds.length === 0
      ? []
      : db
          .select({ id: schema.trips.id, route: schema.routes.name, bus: schema.buses.registrationNumber, timeZone: schema.trips.timeZone })
          .from(schema.trips)
          .innerJoin(schema.routes, eq(schema.routes.id, schema.trips.routeId))
          .innerJoin(schema.buses, eq(schema.buses.id, schema.trips.busId))
          .where(inArray(schema.trips.id, tripIds)),
    organizationIds.length === 0
      ? []
      : db
          .select({ id: schema.organizations.id, name: schema.organizations.name })
          .from(schema.organizations)
          .where(inArray(schema.organizations.id, organizationIds)),
  ]);
  const users = new Map<string, PersonLabel>(people.map((p) => [p.id, p]));
  const inventory = new Map<string, InventoryLabel>([
    ...vehicles.map((v) => [v.id, { id: v.id, label: `${v.make} ${v.model} ${v.year} · ${v.city}`, timeZone: v.timeZone }] as const),
    ...trips.map((t) => [t.id, { id: t.id, label: `${t.route} · ${t.bus}`, timeZone: t.timeZone }] as const),
  ]);
  const orgs = new Map<string, OrganizationLabel>(organizations.map((o) => [o.id, o]));
  return {
    person: (id: string | null): PersonLabel | null => (id ? (users.get(id) ?? null) : null),
    inventory: (id: string | null): InventoryLabel | null => (id ? (inventory.get(id) ?? null) : null),
    organization: (id: string | null): OrganizationLabel | null => (id ? (orgs.get(id) ?? null) : null),
  };
}
