import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, desc, eq, gt } from 'drizzle-orm';
import { type AdminBookingRow, listAdminBookings } from '../back-office/list-admin-bookings';
import type { Deps } from '../deps';
import { findUserById, type PublicUser, toPublicUser } from './users';

export interface AdminUser {
  user: PublicUser;
  memberships: { organizationId: string; name: string; status: 'pending' | 'approved' | 'suspended'; role: 'owner' | 'staff' }[];
  /** Live sessions (not expired), newest first; the id is never shown, it is the token's hash. */
  sessions: { createdAt: string; expiresAt: string; ip: string | null; userAgent: string | null }[];
  /** The latest bookings they made, and how many there are in all. */
  bookings: { items: AdminBookingRow[]; total: number };
}

const RECENT_BOOKINGS = 10;

/** Admin: one user with their roles, organisation memberships, live sessions and latest bookings. */
export async function getAdminUser(deps: Pick<Deps, 'db' | 'clock' | 'config'>, input: { userId: string }): Promise<AdminUser> {
  const user = await findUserById(deps.db, input.userId);
  if (!user) throw new AppError('USER_NOT_FOUND', 'No such user');
  const o = schema.organizations;
  const m = schema.organizationMembers;
  const s = schema.sessions;
  const [memberships, sessions, bookings] = await Promise.all([
    deps.db
      .select({ organizationId: o.id, name: o.name, status: o.status, role: m.role })
      .from(m)
      .innerJoin(o, eq(o.id, m.organizationId))
      .where(eq(m.userId, user.id))
      .orderBy(o.name),
    deps.db
      .select({ createdAt: s.createdAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent })
      .from(s)
      .where(and(eq(s.userId, user.id), gt(s.expiresAt, deps.clock.now())))
      .orderBy(desc(s.createdAt)),
    listAdminBookings(deps, { page: 1, limit: RECENT_BOOKINGS, customerId: user.id }),
  ]);
  return {
    user: toPublicUser(user),
    memberships,
    sessions: sessions.map((row) => ({
      createdAt: row.createdAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
      ip: row.ip,
      userAgent: row.userAgent,
    })),
    bookings: { items: bookings.items, total: bookings.meta.total },
  };
}
