import { schema } from '@fareway/db';
import type { BookingStatus } from '@fareway/domain';
import { and, asc, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { customerByPhone } from './customer-by-phone';
import { type InventoryLabel, loadLabels, type OrganizationLabel, type PersonLabel } from './labels';

export interface AdminBookingFilters {
  page: number;
  limit: number;
  status?: BookingStatus;
  kind?: 'rental' | 'seat';
  /** The customer's phone as typed; read in the configured default region. */
  phone?: string;
  /** One customer's bookings (the console's user page). */
  customerId?: string;
  vehicleId?: string;
  tripId?: string;
  organizationId?: string;
  /** Bookings starting at or after `from` and before `to` (instants). */
  from?: Date;
  to?: Date;
  sort?: 'createdAt.desc' | 'createdAt.asc' | 'startsAt.desc' | 'startsAt.asc';
}

export interface AdminBookingRow {
  id: string;
  kind: 'rental' | 'seat';
  status: BookingStatus;
  customer: PersonLabel | null;
  inventory: InventoryLabel | null;
  organization: OrganizationLabel | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  totalMinor: number;
  paidMinor: number;
  currency: string;
  createdAt: string;
}

/**
 * Admin: every booking, filtered and paged on the server. Each filter has an
 * index that serves it (migration 0019): the customer's through
 * bookings_customer_idx, vehicle, trip, organisation, status and the start
 * range through their own; the sort through created_at / starts_at.
 */
export async function listAdminBookings(deps: Pick<Deps, 'db' | 'config'>, input: AdminBookingFilters): Promise<Page<AdminBookingRow>> {
  const b = schema.bookings;
  const filters: SQL[] = [];
  if (input.phone) {
    const customerId = await customerByPhone(deps, input.phone);
    if (!customerId) return { items: [], meta: { page: input.page, limit: input.limit, total: 0 } };
    filters.push(eq(b.customerId, customerId));
  }
  if (input.customerId) filters.push(eq(b.customerId, input.customerId));
  if (input.status) filters.push(eq(b.status, input.status));
  if (input.kind) filters.push(eq(b.kind, input.kind));
  if (input.vehicleId) filters.push(eq(b.vehicleId, input.vehicleId));
  if (input.tripId) filters.push(eq(b.tripId, input.tripId));
  if (input.organizationId) filters.push(eq(b.partnerOrganizationId, input.organizationId));
  if (input.from) filters.push(gte(b.startsAt, input.from));
  if (input.to) filters.push(lt(b.startsAt, input.to));
  const where = filters.length > 0 ? and(...filters) : undefined;
  const [column, direction] = (input.sort ?? 'createdAt.desc').split('.') as ['createdAt' | 'startsAt', 'asc' | 'desc'];
  const order = direction === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(b)
      .where(where)
      .orderBy(order(b[column]), order(b.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(b).where(where),
  ]);
  const labels = await loadLabels(deps.db, {
    users: rows.map((r) => r.customerId),
    vehicles: rows.map((r) => r.vehicleId),
    trips: rows.map((r) => r.tripId),
    organizations: rows.map((r) => r.partnerOrganizationId),
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      status: r.status,
      customer: labels.person(r.customerId),
      inventory: labels.inventory(r.vehicleId ?? r.tripId),
      organization: labels.organization(r.partnerOrganizationId),
      timeZone: labels.inventory(r.vehicleId ?? r.tripId)?.timeZone ?? 'UTC',
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      totalMinor: r.totalMinor,
      paidMinor: r.paidMinor,
      currency: r.currency,
      createdAt: r.createdAt.toISOString(),
    })),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}
