import { schema } from '@fareway/db';
import type { BookingStatus } from '@fareway/domain';
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { type PublicBooking, toPublicBookings } from './public-booking';

/** `GET /bookings`: the caller's own bookings, rentals and seats together, newest first. */
export async function listMyBookings(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { page: number; limit: number; status?: BookingStatus; kind?: 'rental' | 'seat' },
): Promise<Page<PublicBooking>> {
  const filters: SQL[] = [eq(schema.bookings.customerId, actor.userId)];
  if (input.status) filters.push(eq(schema.bookings.status, input.status));
  if (input.kind) filters.push(eq(schema.bookings.kind, input.kind));
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.bookings)
      .where(where)
      .orderBy(desc(schema.bookings.createdAt), desc(schema.bookings.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.bookings).where(where),
  ]);
  return { items: await toPublicBookings(deps.db, rows), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
