import { schema } from '@fareway/db';
import { count, desc, ilike, or } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type PublicUser, toPublicUser } from './users';

export interface Page<T> {
  items: T[];
  meta: { page: number; limit: number; total: number };
}

/** Admin: users, newest first, optionally filtered by phone, email or name. */
export async function listUsers(
  deps: Pick<Deps, 'db'>,
  input: { page: number; limit: number; search?: string },
): Promise<Page<PublicUser>> {
  const pattern = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const where = pattern
    ? or(ilike(schema.users.phone, pattern), ilike(schema.users.email, pattern), ilike(schema.users.name, pattern))
    : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.users)
      .where(where)
      .orderBy(desc(schema.users.createdAt), desc(schema.users.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.users).where(where),
  ]);
  return { items: rows.map(toPublicUser), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
