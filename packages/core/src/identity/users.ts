import { type DatabaseOrTransaction, schema } from '@fareway/db';
import type { UserRole } from '@fareway/db/schema';
import { eq } from 'drizzle-orm';

export type UserRow = typeof schema.users.$inferSelect;

/** What clients see of a user; never the password hash. */
export interface PublicUser {
  id: string;
  phone: string | null;
  email: string | null;
  name: string | null;
  /** Language of notices; null means English. */
  locale: 'en' | 'si' | 'ta' | null;
  roles: UserRole[];
  status: 'active' | 'suspended';
  createdAt: string;
}

export function toPublicUser(
  user: Pick<UserRow, 'id' | 'phone' | 'email' | 'name' | 'locale' | 'roles' | 'status' | 'createdAt'>,
): PublicUser {
  return {
    id: user.id,
    phone: user.phone,
    email: user.email,
    name: user.name,
    locale: (user.locale as PublicUser['locale']) ?? null,
    roles: user.roles as UserRole[],
    status: user.status,
    createdAt: user.createdAt.toISOString(),
  };
}

/** Who is acting: resolved from the session by the API layer, passed to every use case. */
export interface Actor {
  userId: string;
  roles: UserRole[];
  sessionId: string;
}

export function isAdmin(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.includes('admin');
}

export async function findUserById(tx: DatabaseOrTransaction, id: string): Promise<UserRow | undefined> {
  const [user] = await tx.select().from(schema.users).where(eq(schema.users.id, id)).limit(1);
  return user;
}
